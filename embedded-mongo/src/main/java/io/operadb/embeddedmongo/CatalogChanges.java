package io.operadb.embeddedmongo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to the catalog: databases, collections and indexes created, dropped or renamed. The journal holds
 * document changes only, so a catalog change is made durable by a checkpoint, and until then no journal write may
 * reach the disk: replayed onto the catalog of the last checkpoint, the changes after a drop or a rename would land
 * in the collection as it was before (see {@link Durability}).
 */
final class CatalogChanges {

    private final AtomicLong version = new AtomicLong();

    /** Called before a change is made, so that anything written after it sees the new version. */
    void changing() {
        version.incrementAndGet();
    }

    long version() {
        return version.get();
    }
}
