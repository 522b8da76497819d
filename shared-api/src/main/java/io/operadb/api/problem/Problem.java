package io.operadb.api.problem;

import java.util.List;

/**
 * An RFC 9457 problem as the domain sees it: the HTTP layer renders it as application/problem+json.
 * {@code kind} gives the stable type URI and the status; {@code errors} lists offending field paths.
 */
public record Problem(ProblemKind kind, String detail, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemKind kind, String detail) {
        return new Problem(kind, detail, List.of());
    }
}
