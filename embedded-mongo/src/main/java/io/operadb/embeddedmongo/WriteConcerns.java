package io.operadb.embeddedmongo;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/** Reads the write concern a client attached to a command. */
final class WriteConcerns {

    private WriteConcerns() {
    }

    /**
     * True when the client asked for the journal ({@code j: true}, as the Java driver sends for
     * {@code WriteConcern.JOURNALED}), either in the command's {@code writeConcern} document or, as
     * legacy {@code getLastError} does, at the top level of the command.
     */
    static boolean requestsJournal(String commandName, Document command) {
        Object writeConcern = command.get("writeConcern");
        if (writeConcern instanceof Document concern && Utils.isTrue(concern.get("j"))) {
            return true;
        }
        return "getlasterror".equalsIgnoreCase(commandName)
            && (Utils.isTrue(command.get("j")) || Utils.isTrue(command.get("fsync")));
    }
}
