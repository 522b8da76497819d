package io.operadb.query.replay;

import io.operadb.web.ActorResolver;
import io.operadb.web.auth.Operators;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Operators start a rebuild of every read model here and watch its progress. */
@RestController
public class ReplayController {

    private final ReplayService replays;
    private final ActorResolver actors;
    private final Operators operators;

    public ReplayController(ReplayService replays, ActorResolver actors, Operators operators) {
        this.replays = replays;
        this.actors = actors;
        this.operators = operators;
    }

    @PostMapping("/api/admin/replay")
    public ResponseEntity<Map<String, Object>> start(HttpServletRequest request) {
        operators.require(actors.requireAuthentication(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start());
    }

    @GetMapping("/api/admin/replay")
    public Map<String, Object> status(HttpServletRequest request) {
        operators.require(actors.requireAuthentication(request));
        return replays.status();
    }
}
