package io.operadb.embeddedmongo;

/**
 * When the changed pages held in memory call for a checkpoint. A checkpoint serializes every changed page into one
 * buffer before writing it, so the bytes it writes must stay bounded (they bound that buffer, and the pages held
 * until then). MVStore only offers an estimate of the changed pages, and the estimate counts a page again on every
 * copy-on-write: under inserts at random places of large indexes it ran at 1.8 times the bytes the checkpoint then
 * wrote, so the estimate alone called a checkpoint for far fewer changes than the bound allows, each rewriting
 * every leaf of those indexes again. The bound therefore scales the estimate by how much it overcounted at the last
 * checkpoint.
 * <p>
 * The bound is a sixteenth of the heap, within {@value #MIN_WRITTEN_BYTES} and {@value #MAX_WRITTEN_BYTES} bytes. It
 * bounds the buffer: at 256 MB a fill of 8,000 events/s into a 1 GB heap needed a 181 MB buffer and ran out of
 * memory, and so did a 1M bulk load into a 2 GB heap at an eighth of it (a 408 MB buffer: a checkpoint may write up
 * to {@link #MAX_OVERCOUNT} times the bound). A bound too small for the load costs too: a checkpoint rewrites every
 * changed leaf of a random-key index, which under inserts is nearly all of them, so once such indexes and the new
 * documents outgrow the bound, it calls a checkpoint every second or two, each rewriting those indexes whole
 * (decision record 0064).
 */
final class ChangedPagesBound {

    static final int HEAP_DIVISOR = 16;
    static final long MIN_WRITTEN_BYTES = 64L * 1024 * 1024;
    /** Beyond this the journal's bound comes first anyway; it also keeps a checkpoint's buffer within an array. */
    static final long MAX_WRITTEN_BYTES = 512L * 1024 * 1024;

    /**
     * An estimate that overcounted by more than this is taken as overcounting by this much only. Random-key inserts
     * overcount by 1.5 to 1.8; a page changed many times can make one checkpoint's overcount much larger, and if the
     * next changes are spread over distinct pages the learned factor would let that checkpoint write as many times
     * the bound: at most twice, an eighth of the heap (128 MB in a 1 GB heap), keeps its buffer well inside the heap.
     */
    static final double MAX_OVERCOUNT = 2;

    private final long maxWrittenBytes;
    private double overcount = 1;

    /** The bound in this JVM. */
    static long maxWrittenBytes() {
        return maxWrittenBytes(Runtime.getRuntime().maxMemory());
    }

    /** The bound for a heap of {@code maxHeapBytes} ({@link Long#MAX_VALUE} if it has no limit). */
    static long maxWrittenBytes(long maxHeapBytes) {
        if (maxHeapBytes == Long.MAX_VALUE) {
            return MIN_WRITTEN_BYTES;
        }
        return Math.min(MAX_WRITTEN_BYTES, Math.max(MIN_WRITTEN_BYTES, maxHeapBytes / HEAP_DIVISOR));
    }

    /** About the longest chunk a checkpoint writes in this JVM: the bound, times the most the estimate may be off. */
    static long longestChunkBytes() {
        return (long) (MAX_OVERCOUNT * maxWrittenBytes());
    }

    /** @param maxWrittenBytes how many bytes a checkpoint may write, about */
    ChangedPagesBound(long maxWrittenBytes) {
        this.maxWrittenBytes = maxWrittenBytes;
    }

    /** Whether changed pages that MVStore estimates at {@code estimatedBytes} call for a checkpoint. */
    boolean exceededBy(long estimatedBytes) {
        return estimatedBytes > maxWrittenBytes * overcount;
    }

    /** Learns from a checkpoint that wrote {@code writtenBytes} for changes estimated at {@code estimatedBytes}. */
    void checkpointed(long estimatedBytes, long writtenBytes) {
        if (writtenBytes <= 0 || estimatedBytes <= 0) {
            return; // nothing to learn from: an empty checkpoint, or a store in memory
        }
        overcount = Math.max(1, Math.min(MAX_OVERCOUNT, (double) estimatedBytes / writtenBytes));
    }

    /** The estimate above which a checkpoint is due. */
    long threshold() {
        return (long) (maxWrittenBytes * overcount);
    }
}
