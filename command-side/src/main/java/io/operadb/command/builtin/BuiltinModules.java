package io.operadb.command.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.Problem;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.PublishSchemaCommand;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.command.schema.SchemaCatalog;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The modules every account starts with: plain schema documents from the {@code builtin-modules} artifact
 * ({@code operadb/modules/*.json}, listed in {@code operadb/modules/modules.txt}), published into an account as
 * version 1 by {@value #PUBLISHER} through the ordinary {@link PublishSchemaCommand}. No module has Java of its own.
 * <p>
 * Installing skips every module the account already has (any version), so it is idempotent: the account's creation
 * installs them, and the first request this process sees for an account installs them again if an earlier attempt
 * was cut short (each schema is its own aggregate, so the installation is not atomic; see decision record 0004).
 */
@Component
public class BuiltinModules {

    /** The actor recorded as the publisher of the built-in versions. */
    public static final String PUBLISHER = "system:operadb";
    static final String FOLDER = "operadb/modules/";
    static final String INDEX = FOLDER + "modules.txt";

    private static final Logger log = LoggerFactory.getLogger(BuiltinModules.class);

    private final CommandGateway commands;
    private final SchemaCatalog catalog;
    private final List<Module> modules;
    /** Accounts this process has checked since it started (no expiry: a published version never goes away). */
    private final Cache<String, Boolean> installed = Caffeine.newBuilder().maximumSize(100_000).build();

    /** One built-in module: its id and its document, exactly as published. */
    public record Module(String schemaId, JsonNode document) {
    }

    public BuiltinModules(CommandGateway commands, SchemaCatalog catalog, SchemaCompiler compiler) {
        this.commands = commands;
        this.catalog = catalog;
        this.modules = load(compiler);
    }

    /** The built-in modules, in the order of the index. */
    public List<Module> modules() {
        return modules;
    }

    /**
     * Publishes, as version 1, every built-in module the account does not have yet; one that someone publishes at the
     * same moment is left to them.
     */
    public void installInto(String account) {
        for (Module module : modules) {
            if (catalog.latest(account, module.schemaId()).isPresent()) {
                continue;
            }
            try {
                commands.sendAndWait(new PublishSchemaCommand(AggregateIds.schema(account, module.schemaId()), account,
                        module.schemaId(), 1, module.document(), PUBLISHER));
            } catch (RuntimeException e) {
                if (!isVersionConflict(e)) {
                    throw e;
                }
            } finally {
                catalog.evict(account, module.schemaId());
            }
        }
        installed.put(account, Boolean.TRUE);
    }

    /**
     * Makes sure, once per process and account, that the account has every built-in module: repairs an installation
     * that a crash or a failure cut short. Never fails the caller's request; a failed attempt is retried next time.
     */
    public void ensureInstalled(String account) {
        if (installed.getIfPresent(account) != null) {
            return;
        }
        try {
            installInto(account);
        } catch (RuntimeException e) {
            log.warn("Could not install the built-in modules into account {} (will retry): {}", account,
                    e.toString());
        }
    }

    private static boolean isVersionConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OperaDbException domain && domain.kind() == ProblemKind.VERSION_CONFLICT) {
                return true;
            }
            if (t instanceof CommandExecutionException c && c.getDetails().orElse(null) instanceof Problem p
                    && p.kind() == ProblemKind.VERSION_CONFLICT) {
                return true;
            }
        }
        return false;
    }

    private static List<Module> load(SchemaCompiler compiler) {
        ObjectMapper json = new ObjectMapper();
        List<Module> out = new ArrayList<>();
        for (String file : index()) {
            try (InputStream in = resource(FOLDER + file)) {
                JsonNode document = json.readTree(in);
                CompiledSchema compiled = compiler.compile(document); // a broken module stops the start, loudly
                if (compiled.version() != 1) {
                    throw new IllegalStateException("built-in module " + file + " must be version 1");
                }
                out.add(new Module(compiled.schemaId(), document));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read built-in module " + file, e);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> index() {
        try (InputStream in = resource(INDEX)) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = BuiltinModules.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is not on the classpath (the builtin-modules artifact)");
        }
        return in;
    }

    @Override
    public String toString() {
        return "BuiltinModules" + modules.stream().map(Module::schemaId).toList();
    }
}
