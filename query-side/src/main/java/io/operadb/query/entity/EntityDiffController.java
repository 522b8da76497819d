package io.operadb.query.entity;

import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Audit: which fields of an entity changed between two of its versions, by which events and actors. */
@RestController
public class EntityDiffController {

    private final EntityDiffs diffs;
    private final ActorResolver actors;
    private final io.operadb.query.access.ReadAccess access;

    public EntityDiffController(EntityDiffs diffs, ActorResolver actors, io.operadb.query.access.ReadAccess access) {
        this.access = access;
        this.diffs = diffs;
        this.actors = actors;
    }

    /** {@code from} and {@code to} are taken as text so that a non-integer is a 400 naming {@code query.from}. */
    @GetMapping("/api/accounts/{account}/entities/{schema}/{id}/diff")
    public Map<String, Object> diff(@PathVariable String account, @PathVariable String schema,
                                    @PathVariable String id,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    HttpServletRequest request) {
        String reader = actors.require(request);
        Map<String, Object> diff = diffs.diff(account, schema, id, from, to);
        access.requireVisible(account, schema, id, reader);
        return diff;
    }
}
