package io.operadb.embeddedmongo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What makes a write durable: its journal records synced to disk, by group commit, or, while a catalog change is
 * not yet checkpointed, a checkpoint. The journal holds document changes only; replayed onto the catalog of an
 * older checkpoint, the changes written after a collection was dropped or renamed would land in the old
 * collection, so none may reach the journal file before the catalog change is in the store file.
 */
final class Durability {

    private final Checkpointer checkpointer;
    private final GroupCommit journalSyncs = new GroupCommit(this::syncJournalOrCheckpoint);
    private final AtomicLong journaledWrites = new AtomicLong();
    private volatile Journal journal;

    Durability(Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
    }

    void useJournal(Journal newJournal) {
        this.journal = newJournal;
    }

    /**
     * Returns once everything written before this call is on disk. Must not be called while holding the shared
     * side of the {@link CommitGate}.
     */
    void awaitDurable() {
        journaledWrites.incrementAndGet();
        if (journal != null) {
            journalSyncs.awaitNext();
        }
    }

    /** Syncs what was written so far to the journal in the background, unless a sync is under way. */
    void syncInBackground() {
        Journal current = journal;
        if (current != null && (current.hasUnwritten() || checkpointer.catalogChangePending())) {
            journalSyncs.runUnlessRunning();
        }
    }

    /**
     * The journal's bytes are taken before the catalog is looked at: a record appended after a catalog change
     * then always finds the change pending, and goes to disk only through the checkpoint. That checkpoint must
     * start after the bytes were taken, so that its snapshot holds their changes: one that was already under way
     * (and brought the catalog up to date meanwhile) may have taken its snapshot before them.
     */
    private void syncJournalOrCheckpoint() {
        if (!journal.writeAndSync(() -> !checkpointer.catalogChangePending())) {
            checkpointer.checkpoint();
        }
    }

    /** Writes that asked for {@code j: true}. */
    long journaledWrites() {
        return journaledWrites.get();
    }

    /** Times the journal was synced or a checkpoint stood in for it, each time for every write waiting. */
    long groupCommits() {
        return journalSyncs.runs();
    }
}
