package io.operadb.embeddedmongo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a durability action (a journal fsync, a checkpoint) on behalf of many waiting threads at once: group commit.
 * <p>
 * A thread that needs its change made durable calls {@link #awaitNext()} after its change is in place. A run that is
 * already under way may have started before that change, so the thread waits for the <em>next</em> run; the first
 * thread to find no run under way leads it, and that one run covers every thread that arrived meanwhile. Under load
 * this gives one run per batch of writers instead of one per writer.
 */
final class GroupCommit {

    private final Runnable action;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Runs started so far; guarded by {@link #lock}. */
    private long started;
    /** Highest run number completed so far; guarded by {@link #lock}. */
    private long completed;
    /** Guarded by {@link #lock}. */
    private boolean running;
    private final AtomicLong runs = new AtomicLong();

    GroupCommit(Runnable action) {
        this.action = action;
    }

    /** Returns once a run that started after this call has completed. */
    void awaitNext() {
        long needed;
        lock.lock();
        try {
            needed = started + 1;
        } finally {
            lock.unlock();
        }
        runUntilCompleted(needed);
    }

    /** A run unless one is under way already (that one is as good for a background caller). */
    void runUnlessRunning() {
        long needed;
        lock.lock();
        try {
            if (running) {
                return;
            }
            needed = started + 1;
        } finally {
            lock.unlock();
        }
        runUntilCompleted(needed);
    }

    /** Runs completed so far. */
    long runs() {
        return runs.get();
    }

    private void runUntilCompleted(long needed) {
        while (true) {
            long number;
            lock.lock();
            try {
                while (running && completed < needed) {
                    finished.awaitUninterruptibly();
                }
                if (completed >= needed) {
                    return;
                }
                running = true;
                number = ++started;
            } finally {
                lock.unlock();
            }
            lead(number);
        }
    }

    private void lead(long number) {
        boolean success = false;
        try {
            action.run();
            runs.incrementAndGet();
            success = true;
        } finally {
            lock.lock();
            try {
                running = false;
                if (success) {
                    completed = number;
                }
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
