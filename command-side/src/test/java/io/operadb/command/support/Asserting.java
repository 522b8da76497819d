package io.operadb.command.support;

import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

import java.util.function.Consumer;

/** A Hamcrest matcher that runs AssertJ assertions, so Axon's fixture can check values with readable failures. */
public final class Asserting<T> extends BaseMatcher<T> {

    private final Consumer<T> assertions;
    private AssertionError failure;

    private Asserting(Consumer<T> assertions) {
        this.assertions = assertions;
    }

    public static <T> Asserting<T> satisfies(Consumer<T> assertions) {
        return new Asserting<>(assertions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean matches(Object actual) {
        try {
            assertions.accept((T) actual);
            failure = null;
            return true;
        } catch (AssertionError e) {
            failure = e;
            return false;
        } catch (ClassCastException e) {
            failure = new AssertionError("unexpected type: " + actual, e);
            return false;
        }
    }

    @Override
    public void describeTo(Description description) {
        description.appendText(failure == null ? "a value satisfying the assertions"
                : "a value satisfying the assertions, but: " + failure.getMessage());
    }
}
