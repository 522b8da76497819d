package io.operadb.api.problem;

import java.util.List;

/** The one exception type the domain throws: it carries the problem the client is shown. */
public class OperaDbException extends RuntimeException {

    private final Problem problem;

    public OperaDbException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public OperaDbException(ProblemKind kind, String detail) {
        this(Problem.of(kind, detail));
    }

    public OperaDbException(ProblemKind kind, String detail, List<FieldError> errors) {
        this(new Problem(kind, detail, errors));
    }

    public Problem problem() {
        return problem;
    }

    public ProblemKind kind() {
        return problem.kind();
    }
}
