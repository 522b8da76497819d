package io.operadb.embeddedmongo;

/**
 * Where collections hand their document changes for the journal. Off (changes are not journaled) until the server
 * attaches the journal after replaying the old one, and for a store in memory. Changes of the server's own
 * bookkeeping collections ({@code system.*}, the catalog) are never journaled: catalog changes are made durable
 * by checkpoints ({@link CatalogChanges}).
 */
final class JournalSink {

    private volatile Journal journal;

    void attach(Journal target) {
        this.journal = target;
    }

    void put(IndexedH2Collection collection, Object position, byte[] bson) {
        Journal target = journal;
        if (target != null && journaled(collection)) {
            target.append(JournalRecord.put(collection.getDatabaseName(), collection.getCollectionName(), position, bson));
        }
    }

    void delete(IndexedH2Collection collection, Object position) {
        Journal target = journal;
        if (target != null && journaled(collection)) {
            target.append(JournalRecord.delete(collection.getDatabaseName(), collection.getCollectionName(), position));
        }
    }

    private static boolean journaled(IndexedH2Collection collection) {
        return !collection.getCollectionName().startsWith("system.");
    }
}
