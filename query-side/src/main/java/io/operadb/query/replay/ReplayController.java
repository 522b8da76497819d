package io.operadb.query.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.query.admin.OperatorAccess;
import io.operadb.query.readmodel.ReplayScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operators start a rebuild of the read models here and watch its progress. The scope is every read model, one
 * account ({@code account}) or one schema of one account ({@code account} and {@code schema}), given as query
 * parameters or as a JSON body {@code {"account": ..., "schema": ...}}.
 */
@RestController
public class ReplayController {

    private final ReplayService replays;
    private final OperatorAccess operators;

    public ReplayController(ReplayService replays, OperatorAccess operators) {
        this.replays = replays;
        this.operators = operators;
    }

    @PostMapping("/api/admin/replay")
    public ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String account,
                                                     @RequestParam(required = false) String schema,
                                                     @RequestBody(required = false) JsonNode body,
                                                     HttpServletRequest request) {
        operators.require(request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start(scope(account, schema, body)));
    }

    @GetMapping("/api/admin/replay")
    public Map<String, Object> status(HttpServletRequest request) {
        operators.require(request);
        return replays.status();
    }

    static ReplayScope scope(String account, String schema, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        String a = pick(account, body, "account", errors);
        String s = pick(schema, body, "schema", errors);
        if (s != null && a == null) {
            errors.add(new FieldError("schema", "needs an account: a schema is replayed within one account"));
        }
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the replay scope is not valid", errors);
        }
        return new ReplayScope(a, s);
    }

    private static String pick(String param, JsonNode body, String name, List<FieldError> errors) {
        String value = param;
        if (body != null && body.has(name) && !body.get(name).isNull()) {
            if (!body.get(name).isTextual()) {
                errors.add(new FieldError(name, "must be a string"));
                return null;
            }
            if (value != null && !value.equals(body.get(name).asText())) {
                errors.add(new FieldError(name, "differs between the query and the body"));
            }
            value = body.get(name).asText();
        }
        if (value != null && value.isBlank()) {
            return null;
        }
        if (value != null && !ReplayScope.validName(value)) {
            errors.add(new FieldError(name, "is not a valid " + name + " name"));
        }
        return value;
    }
}
