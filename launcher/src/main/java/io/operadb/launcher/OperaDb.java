package io.operadb.launcher;

import io.operadb.command.CommandSideApplication;
import io.operadb.embeddedmongo.EmbeddedMongoServer;
import io.operadb.embeddedmongo.EmbeddedMongoSettings;
import io.operadb.query.QuerySideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system in one JVM: the embedded MongoDB, then the command side and the query side, each its own
 * Spring context exactly as it runs alone, pointed at that MongoDB. The only place where the modules meet.
 */
public final class OperaDb implements AutoCloseable {

    private final EmbeddedMongoServer mongo;
    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;

    private OperaDb(EmbeddedMongoServer mongo, ConfigurableApplicationContext commandSide,
                    ConfigurableApplicationContext querySide) {
        this.mongo = mongo;
        this.commandSide = commandSide;
        this.querySide = querySide;
    }

    public static OperaDb start(DevSettings settings, Map<String, Object> extraProperties) {
        EmbeddedMongoSettings mongoSettings = (settings.dataDir() == null ? EmbeddedMongoSettings.inMemory()
                : EmbeddedMongoSettings.file(settings.dataDir().resolve("operadb.mv")))
                .withHost(settings.mongoHost()).withPort(settings.mongoPort());
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(mongoSettings);
        String uri = mongo.connectionString() + "/" + DevSettings.DATABASE;
        Map<String, Object> properties = EmbeddedSecurityDefaults.apply(settings, extraProperties, System.getenv());
        ConfigurableApplicationContext command = null;
        try {
            // the Explorer, served by the query side, sends commands from the browser: the command side must know the
            // query side's origin before it starts, so a free port is taken for the query side up front
            int queryPort = settings.queryPort() != 0 ? settings.queryPort() : FreePort.find();
            Map<String, Object> commandProperties = new LinkedHashMap<>(properties);
            commandProperties.putIfAbsent("operadb.command.cors-allowed-origins",
                    "http://localhost:" + queryPort + ",http://127.0.0.1:" + queryPort);
            command = run(CommandSideApplication.builder(), uri, settings.commandPort(), commandProperties);
            Map<String, Object> queryProperties = new LinkedHashMap<>(properties);
            queryProperties.putIfAbsent("operadb.query.explorer.command-api-url",
                    "http://localhost:" + ((WebServerApplicationContext) command).getWebServer().getPort());
            ConfigurableApplicationContext query = run(QuerySideApplication.builder(), uri, queryPort,
                    queryProperties);
            return new OperaDb(mongo, command, query);
        } catch (RuntimeException e) {
            if (command != null) {
                command.close();
            }
            mongo.close();
            throw e;
        }
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, String mongoUri, int port,
                                                      Map<String, Object> extraProperties) {
        List<String> args = new ArrayList<>();
        args.add("--spring.data.mongodb.uri=" + mongoUri);
        // the embedded store's file admits one process at a time, so a fixed node name is safe, and a restart after
        // a crash takes the projections' tokens back at once instead of waiting for the dead claims to expire
        args.add("--operadb.event-store.node-id=operadb-embedded");
        args.add("--server.port=" + port);
        // the launcher's own shutdown hook closes both sides and then the embedded store; Spring Boot's hook would
        // stop logging meanwhile, and the store's closing lines (its last checkpoint, its compaction) would be lost
        args.add("--logging.register-shutdown-hook=false");
        extraProperties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return builder.run(args.toArray(String[]::new));
    }

    public int commandPort() {
        return ((WebServerApplicationContext) commandSide).getWebServer().getPort();
    }

    public int queryPort() {
        return ((WebServerApplicationContext) querySide).getWebServer().getPort();
    }

    public String mongoUri() {
        return mongo.connectionString() + "/" + DevSettings.DATABASE;
    }

    /** Where a person opens the Explorer, the web console served by the query side. */
    public String explorerUrl() {
        return "http://localhost:" + queryPort() + "/explorer/";
    }

    public ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    @Override
    public void close() {
        try {
            querySide.close();
        } finally {
            try {
                commandSide.close();
            } finally {
                mongo.close();
            }
        }
    }
}
