package io.operadb.web;

import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.Problem;
import io.operadb.api.problem.ProblemKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Renders a domain {@link Problem} as RFC 9457 application/problem+json. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static ResponseEntity<ProblemDetail> of(Problem problem, String instance) {
        ProblemKind kind = problem.kind();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(kind.status()), problem.detail());
        body.setType(URI.create(kind.type()));
        body.setTitle(kind.title());
        if (instance != null) {
            body.setInstance(URI.create(instance));
        }
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", toMaps(problem.errors()));
        }
        return ResponseEntity.status(kind.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static List<Map<String, String>> toMaps(List<FieldError> errors) {
        return errors.stream().map(e -> Map.of("path", e.path(), "reason", e.reason())).toList();
    }
}
