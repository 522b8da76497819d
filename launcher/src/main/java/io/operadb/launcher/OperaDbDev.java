package io.operadb.launcher;

import java.util.Map;

/** {@code ./operadb dev}: the embedded default, in the spirit of Keycloak's {@code start-dev}. */
public final class OperaDbDev {

    private OperaDbDev() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        DevSettings settings = DevSettings.fromEnvironment(System.getenv());
        OperaDb operaDb = OperaDb.start(settings, Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(operaDb::close, "operadb-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("""

                ==============================================================================
                 OperaDB dev mode is ready (%d ms). Data: %s  -- Ctrl-C stops; data stays.
                   Explorer    : %s   (the web console: schemas, entities, events, replays)
                   Command API : http://localhost:%d/api        (Swagger UI: /swagger-ui.html)
                   Query API   : http://localhost:%d/api        (Swagger UI: /swagger-ui.html)
                   MongoDB     : %s  (mongosh or Compass can look inside)
                   Health      : http://localhost:%d/actuator/health , http://localhost:%d/actuator/health
                 Dev mode: one process, embedded MongoDB, every account's admins are operators.
                 First steps: ./operadb key new me; ./operadb account create demo --key .operadb/keys/me.json
                 Explorer token: ./operadb token demo --key .operadb/keys/me.json
                ==============================================================================
                %n""", millis, settings.dataDir().toAbsolutePath(), operaDb.explorerUrl(), operaDb.commandPort(),
                operaDb.queryPort(), operaDb.mongoUri(), operaDb.commandPort(), operaDb.queryPort());
    }
}
