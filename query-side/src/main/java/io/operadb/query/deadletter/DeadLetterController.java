package io.operadb.query.deadletter;

import io.operadb.query.admin.OperatorAccess;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Operators see the events the projections could not apply, retry them, or skip one. */
@RestController
public class DeadLetterController {

    private final DeadLetters deadLetters;
    private final OperatorAccess operators;

    public DeadLetterController(DeadLetters deadLetters, OperatorAccess operators) {
        this.deadLetters = deadLetters;
        this.operators = operators;
    }

    @GetMapping("/api/admin/dead-letters")
    public Map<String, Object> list(HttpServletRequest request) {
        operator(request);
        return Map.of("items", deadLetters.list());
    }

    @PostMapping("/api/admin/dead-letters/{id}/retry")
    public Map<String, Object> retry(@PathVariable String id, HttpServletRequest request) {
        operator(request);
        return deadLetters.retry(id);
    }

    @PostMapping("/api/admin/dead-letters/{id}/skip")
    public Map<String, Object> skip(@PathVariable String id, HttpServletRequest request) {
        operator(request);
        return deadLetters.skip(id);
    }

    private void operator(HttpServletRequest request) {
        operators.require(request);
    }
}
