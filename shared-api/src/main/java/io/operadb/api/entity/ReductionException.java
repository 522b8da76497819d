package io.operadb.api.entity;

/**
 * A reducer step could not be applied to an event ({@code reducer step actions.x.reduce[i] failed: <reason>}),
 * or the event does not fit the schema (unknown action). The decider never lets such an event be written.
 */
public class ReductionException extends IllegalStateException {

    public ReductionException(String message) {
        super(message);
    }
}
