package io.operadb.api.schema.expr;

/** A compiled expression of the schema language. Immutable and thread-safe. */
public interface Expr {

    /** Evaluates against a context; the result is a canonical-ish Java value (Long, Double, BigDecimal, String...). */
    Object eval(EvalContext context) throws ExprException;

    /** The expression as written. */
    String source();

    /** Evaluates a guard: true only for Boolean.TRUE; a runtime error or any other value is false. */
    default boolean test(EvalContext context) {
        try {
            return Boolean.TRUE.equals(eval(context));
        } catch (ExprException | RuntimeException e) {
            return false;
        }
    }
}
