package io.operadb.command.schema;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.command.config.CommandSideProperties;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The compiled versions of each schema, read from the schema's own events. A published version never changes,
 * so compiled versions are kept; only "which version is the latest" is re-read after a short while.
 */
@Component
public class SchemaCatalog {

    private final EventStore eventStore;
    private final SchemaCompiler compiler;
    /** Every version compiled so far, per schema; versions are immutable, so this only grows. */
    private final ConcurrentMap<String, List<CompiledSchema>> compiled = new ConcurrentHashMap<>();
    /** Schemas whose newest versions were read recently; others are re-read from the store before use. */
    private final Cache<String, Boolean> recentlyRead;

    public SchemaCatalog(EventStore eventStore, SchemaCompiler compiler, CommandSideProperties properties) {
        this.eventStore = eventStore;
        this.compiler = compiler;
        this.recentlyRead = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(properties.directoryCacheTtl()).build();
    }

    public Optional<CompiledSchema> latest(String account, String schemaId) {
        List<CompiledSchema> versions = versions(account, schemaId);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public CompiledSchema requireLatest(String account, String schemaId) {
        return latest(account, schemaId).orElseThrow(() -> unknown(account, schemaId));
    }

    /** The exact version that produced an event; reducing an event always uses it. */
    public CompiledSchema version(String account, String schemaId, int version) {
        List<CompiledSchema> versions = versions(account, schemaId);
        if (version > versions.size()) {
            evict(account, schemaId);
            versions = versions(account, schemaId);
        }
        if (version < 1 || version > versions.size()) {
            throw new OperaDbException(ProblemKind.UNKNOWN_SCHEMA,
                    "schema " + schemaId + " has no version " + version + " in account " + account);
        }
        return versions.get(version - 1);
    }

    /** Called after this process published a version, so the next command sees it at once. */
    public void evict(String account, String schemaId) {
        recentlyRead.invalidate(key(account, schemaId));
    }

    private List<CompiledSchema> versions(String account, String schemaId) {
        String key = key(account, schemaId);
        if (recentlyRead.getIfPresent(key) == null) {
            compiled.compute(key, (k, known) -> readNewer(account, schemaId, known == null ? List.of() : known));
            recentlyRead.put(key, Boolean.TRUE);
        }
        return compiled.getOrDefault(key, List.of());
    }

    private List<CompiledSchema> readNewer(String account, String schemaId, List<CompiledSchema> known) {
        List<CompiledSchema> versions = new ArrayList<>(known);
        eventStore.readEvents(AggregateIds.schema(account, schemaId), known.size()).asStream()
                .map(message -> message.getPayload())
                .filter(SchemaPublishedEvent.class::isInstance)
                .map(SchemaPublishedEvent.class::cast)
                .forEach(event -> versions.add(compiler.compile(event.document())));
        return List.copyOf(versions);
    }

    private static OperaDbException unknown(String account, String schemaId) {
        return new OperaDbException(ProblemKind.UNKNOWN_SCHEMA, "no schema " + schemaId + " in account " + account);
    }

    private static String key(String account, String schemaId) {
        return account + "/" + schemaId;
    }
}
