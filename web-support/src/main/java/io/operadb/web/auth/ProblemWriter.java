package io.operadb.web.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.problem.Problem;
import io.operadb.api.problem.ProblemKind;
import io.operadb.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.util.List;

/** Writes a problem+json answer from a servlet filter, where no controller advice runs. */
public final class ProblemWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemKind kind,
                             String detail) throws IOException {
        ProblemDetail body = ProblemResponses.of(new Problem(kind, detail, List.of()), request.getRequestURI())
                .getBody();
        response.setStatus(kind.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (kind == ProblemKind.NOT_AUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer, OperaDB-Signature");
        }
        JSON.writeValue(response.getOutputStream(), body);
    }
}
