package io.operadb.embeddedmongo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps MVStore commits between client operations.
 * <p>
 * A commit snapshots every map of the store. An operation touches several maps one after the
 * other (the documents, then each index), so a commit taken in the middle of one would persist a
 * document without its index entries, or the reverse. Operations therefore run under the shared
 * side of this gate and commits under the exclusive side: every persisted version is a state
 * between operations.
 * <p>
 * It also counts the operations it admits, by which {@link StoreMaintenance} tells an idle store from
 * one that is only being read (reads do not change the store's version).
 */
final class CommitGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong operations = new AtomicLong();

    <T> T duringOperation(Supplier<T> operation) {
        operations.incrementAndGet();
        Lock shared = lock.readLock();
        shared.lock();
        try {
            return operation.get();
        } finally {
            shared.unlock();
        }
    }

    /** Operations admitted so far. */
    long operations() {
        return operations.get();
    }

    void exclusively(Runnable action) {
        exclusively(() -> {
            action.run();
            return null;
        });
    }

    <T> T exclusively(Supplier<T> action) {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            return action.get();
        } finally {
            exclusive.unlock();
        }
    }

    /**
     * Keeps operations out until the returned hold is released (or closed), which must happen in this thread;
     * for a commit that lets them in again as soon as its snapshot is taken.
     */
    ExclusiveHold holdExclusively() {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        return new ExclusiveHold(exclusive);
    }

    /** The exclusive side of the gate, held until released; releasing twice is harmless. */
    static final class ExclusiveHold implements AutoCloseable {
        private final Lock exclusive;
        private boolean held = true;

        private ExclusiveHold(Lock exclusive) {
            this.exclusive = exclusive;
        }

        /** Lets operations in again; returns whether this call did (false if released before). */
        boolean release() {
            if (!held) {
                return false;
            }
            held = false;
            exclusive.unlock();
            return true;
        }

        @Override
        public void close() {
            release();
        }
    }

    /** Runs {@code action} only if no operation is running right now; returns whether it ran. */
    boolean exclusivelyIfIdle(Runnable action) {
        Lock exclusive = lock.writeLock();
        if (!exclusive.tryLock()) {
            return false;
        }
        try {
            action.run();
            return true;
        } finally {
            exclusive.unlock();
        }
    }
}
