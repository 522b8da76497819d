package io.operadb.signing;

/** A signature or key that is malformed: wrong length, wrong encoding, not a point on the curve. */
public class InvalidSignatureException extends RuntimeException {

    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
