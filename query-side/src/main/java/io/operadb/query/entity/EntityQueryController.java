package io.operadb.query.entity;

import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.Timestamps;
import io.operadb.query.readmodel.Page;
import io.operadb.query.access.ReadAccess;
import io.operadb.query.schema.SchemaReads;
import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading entities: one, a filtered list, its history, the account's event feed, and past states. */
@RestController
public class EntityQueryController {

    private static final Set<String> LIST_OPTIONS = Set.of("sort", "limit", "after");

    private final EntityReads entities;
    private final SchemaReads schemas;
    private final ActorResolver actors;
    private final ReadAccess access;

    public EntityQueryController(EntityReads entities, SchemaReads schemas, ActorResolver actors, ReadAccess access) {
        this.access = access;
        this.entities = entities;
        this.schemas = schemas;
        this.actors = actors;
    }

    @GetMapping("/api/accounts/{account}/entities/{schema}/{id}")
    public ResponseEntity<Map<String, Object>> get(@PathVariable String account, @PathVariable String schema,
                                                   @PathVariable String id,
                                                   @RequestParam(required = false) Long minVersion,
                                                   @RequestParam(required = false) Long atVersion,
                                                   @RequestParam(required = false) String asOf,
                                                   HttpServletRequest request) {
        String reader = actors.require(request);
        Map<String, Object> entity;
        if (atVersion != null && asOf != null) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "ask for atVersion or asOf, not both",
                    List.of(new FieldError("query.asOf", "cannot be combined with atVersion")));
        } else if (atVersion != null) {
            access.requireVisible(account, schema, id, reader);
            entity = entities.atVersion(account, schema, id, atVersion);
        } else if (asOf != null) {
            access.requireVisible(account, schema, id, reader);
            entity = entities.asOf(account, schema, id, instant(asOf));
        } else {
            entity = entities.current(account, schema, id, minVersion);
            access.requireVisible(account, schema, id, reader);
        }
        return ResponseEntity.ok().eTag(String.valueOf(entity.get("version"))).body(entity);
    }

    @GetMapping("/api/accounts/{account}/entities/{schema}")
    public Map<String, Object> list(@PathVariable String account, @PathVariable String schema,
                                    @RequestParam MultiValueMap<String, String> query,
                                    @RequestParam(required = false) String sort,
                                    @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String after,
                                    HttpServletRequest request) {
        String reader = actors.require(request);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!LIST_OPTIONS.contains(name)) {
                filters.put(name, values);
            }
        });
        return body(entities.list(account, schema, filters, sort, after, limit,
                access.entityCondition(account, schema, reader)));
    }

    @GetMapping("/api/accounts/{account}/entities/{schema}/{id}/events")
    public Map<String, Object> history(@PathVariable String account, @PathVariable String schema,
                                       @PathVariable String id,
                                       @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String after,
                                       HttpServletRequest request) {
        String reader = actors.require(request);
        Page<Map<String, Object>> history = entities.history(account, schema, id, after, limit);
        access.requireVisible(account, schema, id, reader);
        return body(history);
    }

    @GetMapping("/api/accounts/{account}/events")
    public Map<String, Object> feed(@PathVariable String account,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) String actor,
                                    @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String after,
                                    HttpServletRequest request) {
        String reader = actors.require(request);
        schemas.requireAccount(account);
        return body(entities.feed(account, type, actor, after, limit, access.feedCondition(account, reader)));
    }

    private static Map<String, Object> body(Page<Map<String, Object>> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("next", page.next());
        return body;
    }

    private static Instant instant(String text) {
        Instant instant = Timestamps.parse(text);
        if (instant == null) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "asOf must be an ISO-8601 timestamp",
                    List.of(new FieldError("query.asOf", "not an ISO-8601 timestamp with a zone, e.g. "
                            + "2026-01-02T03:04:05Z")));
        }
        return instant;
    }
}
