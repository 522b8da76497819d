package io.operadb.api.schema.expr;

/** An expression failed at run time (a missing map key, a type mismatch, an overflow...). */
public final class ExprException extends Exception {

    public ExprException(String message) {
        super(message, null, false, false);
    }
}
