package io.operadb.launcher;

import java.util.Map;

/** One in-memory OperaDB for every end-to-end test class of this JVM: starting it costs seconds, a test far less. */
final class SharedOperaDb {

    private static OperaDb instance;

    private SharedOperaDb() {
    }

    static synchronized OperaDb get() {
        if (instance == null) {
            instance = OperaDb.start(DevSettings.ephemeral(), Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "shared-operadb-shutdown"));
        }
        return instance;
    }

    static Http commands() {
        return new Http("http://localhost:" + get().commandPort());
    }

    static Http queries() {
        return new Http("http://localhost:" + get().queryPort());
    }
}
