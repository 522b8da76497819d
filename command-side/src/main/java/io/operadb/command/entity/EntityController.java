package io.operadb.command.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.CreateEntityCommand;
import io.operadb.api.entity.Receipt;
import io.operadb.api.entity.RunActionCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.naming.Names;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.command.account.AccountDirectory;
import io.operadb.command.grant.RoleGrants;
import io.operadb.command.schema.SchemaCatalog;
import io.operadb.command.signature.SignedCommands;
import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Running a schema's actions: its creating action on the collection, the others on an entity. */
@RestController
public class EntityController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EntityController.class);

    private static final Set<String> CREATE_FIELDS = Set.of("id", "data");
    private static final Set<String> ACTION_FIELDS = Set.of("data");
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final CommandGateway commands;
    private final AccountDirectory directory;
    private final SchemaCatalog schemas;
    private final ActorResolver actors;
    private final RoleGrants roleGrants;
    private final SignedCommands signed;

    public EntityController(CommandGateway commands, AccountDirectory directory, SchemaCatalog schemas,
                            ActorResolver actors, RoleGrants roleGrants, SignedCommands signed) {
        this.signed = signed;
        this.commands = commands;
        this.directory = directory;
        this.schemas = schemas;
        this.actors = actors;
        this.roleGrants = roleGrants;
    }

    @PostMapping("/api/accounts/{account}/entities/{schema}")
    public ResponseEntity<Receipt> create(@PathVariable String account, @PathVariable String schema,
                                          @RequestBody JsonNode body,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                          HttpServletRequest request) {
        ActorContext actor = actorIn(account, request);
        schemas.requireLatest(account, schema);
        List<FieldError> errors = new ArrayList<>();
        requireObjectWith(body, CREATE_FIELDS, errors);
        String id = idFrom(body, errors);
        checkIdempotencyKey(key, errors);
        rejectIfAny(errors);
        if (id == null) {
            id = key == null ? UUID.randomUUID().toString() : derivedId(account, schema, actor.actorId(), key);
        }
        Receipt receipt = commands.sendAndWait(signed.of(new CreateEntityCommand(
                AggregateIds.entity(account, schema, id), account, schema, id, dataOf(body), actor, key), request));
        grantsChanged(account, schema, id);
        return ResponseEntity.created(URI.create(entityPath(account, schema, id)))
                .eTag(Long.toString(receipt.version())).body(receipt);
    }

    @PostMapping("/api/accounts/{account}/entities/{schema}/{id}/{action}")
    public ResponseEntity<Receipt> act(@PathVariable String account, @PathVariable String schema,
                                       @PathVariable String id, @PathVariable String action,
                                       @RequestBody(required = false) JsonNode body,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       HttpServletRequest request) {
        ActorContext actor = actorIn(account, request);
        schemas.requireLatest(account, schema);
        if (!Names.isEntityId(id)) {
            throw new OperaDbException(ProblemKind.UNKNOWN_ENTITY, "no " + schema + " with id " + id);
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode actualBody = body == null ? JsonNodeFactory.instance.objectNode() : body;
        requireObjectWith(actualBody, ACTION_FIELDS, errors);
        Long expectedVersion = expectedVersion(ifMatch, errors);
        checkIdempotencyKey(key, errors);
        rejectIfAny(errors);
        Receipt receipt = commands.sendAndWait(signed.of(new RunActionCommand(
                AggregateIds.entity(account, schema, id), account, schema, id, action, dataOf(actualBody), actor,
                expectedVersion, key), request));
        grantsChanged(account, schema, id);
        return ResponseEntity.ok().eTag(Long.toString(receipt.version())).body(receipt);
    }

    /** The acting actor with its roles: its own and those granted by entities such as groups. */
    private ActorContext actorIn(String account, HttpServletRequest request) {
        return directory.actorWithGrantedRolesIn(account, actors.require(request));
    }

    /**
     * After a command on an entity that grants roles (a group), its grants are brought up to date before the answer,
     * so the actors' next commands see them; the role-grants processor would get there too, a little later.
     */
    private void grantsChanged(String account, String schema, String id) {
        if (roleGrants.grants(account, schema)) {
            try {
                roleGrants.catchUp(account, schema, id);
            } catch (RuntimeException e) {
                log.warn("Could not update the roles granted by {} {} in {} now; the role-grants processor will: {}",
                        schema, id, account, e.toString());
            }
        }
    }

    private static void requireObjectWith(JsonNode body, Set<String> allowed, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object"));
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, "unknown field; expected one of " + allowed));
            }
        }
        JsonNode data = body.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            errors.add(new FieldError("data", "must be a JSON object"));
        }
    }

    private static String idFrom(JsonNode body, List<FieldError> errors) {
        JsonNode id = body == null ? null : body.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || !Names.isEntityId(id.asText())) {
            errors.add(new FieldError("id", "must match " + Names.ENTITY_ID.pattern()));
            return null;
        }
        return id.asText();
    }

    private static JsonNode dataOf(JsonNode body) {
        JsonNode data = body.get("data");
        return data == null || data.isNull() ? JsonNodeFactory.instance.objectNode() : data;
    }

    private static Long expectedVersion(String ifMatch, List<FieldError> errors) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            // "*" asks only that the entity exists, which every action on an entity requires anyway
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError("header.If-Match", "must be the entity version, a whole number"));
        return null;
    }

    private static void checkIdempotencyKey(String key, List<FieldError> errors) {
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            errors.add(new FieldError("header.Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters"));
        }
    }

    /** A retried create without an id must land on the same entity, so its id comes from the key. */
    private static String derivedId(String account, String schema, String actor, String key) {
        return UUID.nameUUIDFromBytes((account + "\n" + schema + "\n" + actor + "\n" + key)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void rejectIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the request is not valid", errors);
        }
    }

    private static String entityPath(String account, String schema, String id) {
        return "/api/accounts/" + account + "/entities/" + schema + "/" + id;
    }
}
