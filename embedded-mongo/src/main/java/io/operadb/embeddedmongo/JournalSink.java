package io.operadb.embeddedmongo;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where collections hand their document changes for the journal. Off (changes are not journaled) until the server
 * attaches the journal after replaying the old one, and for a store in memory. Changes of the server's own
 * bookkeeping collections ({@code system.*}, the catalog) are never journaled: catalog changes are made durable
 * by checkpoints ({@link CatalogChanges}).
 * <p>
 * It counts every change it is handed, journaled or not, by which the store's maintenance tells when writes pause.
 */
final class JournalSink {

    private volatile Journal journal;
    private final LongAdder changes = new LongAdder();

    void attach(Journal target) {
        this.journal = target;
    }

    void put(IndexedH2Collection collection, Object position, byte[] bson) {
        changes.increment();
        Journal target = journal;
        if (target != null && journaled(collection)) {
            target.append(JournalRecord.put(collection.getDatabaseName(), collection.getCollectionName(), position, bson));
        }
    }

    void delete(IndexedH2Collection collection, Object position) {
        changes.increment();
        Journal target = journal;
        if (target != null && journaled(collection)) {
            target.append(JournalRecord.delete(collection.getDatabaseName(), collection.getCollectionName(), position));
        }
    }

    /** Document changes handed here so far. */
    long changes() {
        return changes.sum();
    }

    private static boolean journaled(IndexedH2Collection collection) {
        return !collection.getCollectionName().startsWith("system.");
    }
}
