package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A filter never rules out values it was given, and rules out most others. */
class ValuesFilterTest {

    @Test
    void given_values_are_always_perhaps_and_about_one_percent_of_others_too() {
        int given = 100_000;
        ValuesFilter filter = new ValuesFilter(given);
        for (int i = 0; i < given; i++) {
            byte[] key = key("aggregate-" + i, i);
            filter.add(key, DocumentIdentity.valuesLength(key));
        }

        for (int i = 0; i < given; i++) {
            byte[] values = ("aggregate-" + i).getBytes(StandardCharsets.UTF_8);
            assertThat(filter.mightContain(values, values.length)).as("given value %d", i).isTrue();
        }
        int falsePerhaps = 0;
        for (int i = given; i < 2 * given; i++) {
            byte[] values = ("aggregate-" + i).getBytes(StandardCharsets.UTF_8);
            falsePerhaps += filter.mightContain(values, values.length) ? 1 : 0;
        }
        assertThat(falsePerhaps).isBetween(1, given / 50); // about 1 %, 2 % at most
    }

    @Test
    void only_the_values_count_not_the_identity_after_them() {
        ValuesFilter filter = new ValuesFilter(10);
        byte[] stored = key("order-7", 1);
        filter.add(stored, DocumentIdentity.valuesLength(stored));

        byte[] sameValuesOtherDocument = key("order-7", 2);
        assertThat(filter.mightContain(sameValuesOtherDocument, DocumentIdentity.valuesLength(sameValuesOtherDocument))).isTrue();
    }

    private static byte[] key(String values, Object position) {
        return KeyBytes.concat(values.getBytes(StandardCharsets.UTF_8), DocumentIdentity.encode(position));
    }
}
