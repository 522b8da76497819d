package io.operadb.query.access;

import io.operadb.api.actor.ActorIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.ReadRule;
import io.operadb.query.actor.QuerySideActors;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.schema.SchemaReads;
import io.operadb.query.schema.SchemaVersions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read which entities. A schema's {@code read} rule, with the reader's roles decided, becomes a condition of
 * the database query itself: lists are filtered by it, and a single entity, its history, time travel and diff are
 * 404 to a reader who may not see it now (as if it did not exist). Admins read everything.
 */
@Component
public class ReadAccess {

    private static final String ADMIN = "admin";

    private final QuerySideActors actors;
    private final SchemaReads schemas;
    private final SchemaVersions versions;
    private final MongoTemplate mongo;
    private final io.operadb.query.readmodel.ReadModelGenerations generations;

    public ReadAccess(QuerySideActors actors, SchemaReads schemas, SchemaVersions versions, MongoTemplate mongo,
                      io.operadb.query.readmodel.ReadModelGenerations generations) {
        this.generations = generations;
        this.actors = actors;
        this.schemas = schemas;
        this.versions = versions;
        this.mongo = mongo;
    }

    /** The condition on {@code entities} documents of the schema this reader may see; empty: no condition. */
    public Optional<Criteria> entityCondition(String account, String schema, String reader) {
        CompiledSchema compiled = schemas.requireLatest(account, schema);
        if (compiled.readRule().isEmpty()) {
            return Optional.empty();
        }
        Set<String> roles = rolesOf(account, reader);
        if (roles.contains(ADMIN)) {
            return Optional.empty();
        }
        ReadRule decided = compiled.readRule().get().forRoles(roles);
        if (readableOutright(decided)) {
            return Optional.empty();
        }
        return Optional.of(criteria(decided, reader));
    }

    /** 404, as for an entity that does not exist, unless the reader may see the entity as it is now. */
    public void requireVisible(String account, String schema, String id, String reader) {
        Optional<Criteria> condition = entityCondition(account, schema, reader);
        if (condition.isEmpty()) {
            return;
        }
        Query query = new Query(new Criteria().andOperator(
                Criteria.where("_id").is(ReadModels.entityKey(account, schema, id)), condition.get()));
        if (!mongo.exists(query, generations.routes(account, schema).entities())) {
            throw new OperaDbException(ProblemKind.UNKNOWN_ENTITY, "no " + schema + " with id " + id);
        }
    }

    /**
     * The condition on the account's event feed: an event of a schema with a read rule reaches admins and the actor
     * who caused it; readers whose roles satisfy the rule outright see all of that schema's events.
     */
    public Optional<Criteria> feedCondition(String account, String reader) {
        List<CompiledSchema> latest = latestSchemas(account);
        Set<String> roles = rolesOf(account, reader, latest);
        if (roles.contains(ADMIN)) {
            return Optional.empty();
        }
        List<String> restricted = latest.stream()
                .filter(compiled -> compiled.readRule().isPresent()
                        && !readableOutright(compiled.readRule().get().forRoles(roles)))
                .map(CompiledSchema::schemaId).toList();
        if (restricted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Criteria().orOperator(Criteria.where("schema").nin(restricted),
                Criteria.where("actor").is(reader)));
    }

    /** The reader's roles: its own, and those granted by entities of schemas that grant roles (groups). */
    public Set<String> rolesOf(String account, String reader) {
        return rolesOf(account, reader, latestSchemas(account));
    }

    private Set<String> rolesOf(String account, String reader, List<CompiledSchema> latest) {
        Set<String> roles = new HashSet<>(actors.find(account, reader).map(a -> a.roles()).orElse(Set.of()));
        for (CompiledSchema compiled : latest) {
            String schemaId = compiled.schemaId();
            compiled.grantsRoles().ifPresent(grants -> {
                Query granting = new Query(Criteria.where("account").is(account).and("schema").is(schemaId)
                        .and("state." + grants.membersField()).is(reader));
                granting.fields().include("state." + grants.rolesField());
                for (Document entity : mongo.find(granting, Document.class,
                        generations.routes(account, schemaId).entities())) {
                    Object state = entity.get("state");
                    if (state instanceof Document s && s.get(grants.rolesField()) instanceof List<?> granted) {
                        granted.forEach(r -> roles.add(String.valueOf(r)));
                    }
                }
            });
        }
        return roles;
    }

    /** The latest version of each of the account's schemas, compiled. */
    private List<CompiledSchema> latestSchemas(String account) {
        return schemas.latestOfEach(account).stream().map(latest -> versions.version(account,
                latest.getString("schemaId"), latest.get("version", Number.class).intValue())).toList();
    }

    private static boolean readableOutright(ReadRule decided) {
        return decided instanceof ReadRule.Constant constant && constant.value();
    }

    static Criteria criteria(ReadRule rule, String reader) {
        if (rule instanceof ReadRule.ActorIs is) {
            return Criteria.where("state." + is.statePath()).is(reader);
        }
        if (rule instanceof ReadRule.ActorIn in) {
            if (!in.mapKey()) {
                return Criteria.where("state." + in.statePath()).is(reader);
            }
            // a map keyed by actor ids: the key becomes part of a field path, so only a plain actor id may
            return ActorIds.isValid(reader) && !reader.contains(".") && !reader.startsWith("$")
                    ? Criteria.where("state." + in.statePath() + "." + reader).exists(true) : nothing();
        }
        if (rule instanceof ReadRule.StateEquals equals) {
            Criteria field = Criteria.where("state." + equals.statePath());
            return equals.negated() ? field.ne(equals.value()) : field.is(equals.value());
        }
        if (rule instanceof ReadRule.AnyOf any) {
            return new Criteria().orOperator(any.rules().stream().map(r -> criteria(r, reader)).toList());
        }
        if (rule instanceof ReadRule.AllOf all) {
            return new Criteria().andOperator(all.rules().stream().map(r -> criteria(r, reader)).toList());
        }
        if (rule instanceof ReadRule.Constant constant) {
            return constant.value() ? Criteria.where("_id").exists(true) : nothing();
        }
        throw new IllegalStateException("roles are decided before a rule becomes a query: " + rule);
    }

    private static Criteria nothing() {
        return Criteria.where("_id").in(List.of());
    }
}
