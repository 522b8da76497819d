package io.operadb.embeddedmongo;

/**
 * When the changed pages held in memory call for a checkpoint. A checkpoint serializes every changed page into one
 * buffer before writing it, so the bytes it writes must stay bounded (they bound that buffer, and the pages held
 * until then). MVStore only offers an estimate of the changed pages, and the estimate counts a page again on every
 * copy-on-write: under inserts at random places of large indexes it ran at 1.8 times the bytes the checkpoint then
 * wrote, so the estimate alone called a checkpoint for far fewer changes than the bound allows, each rewriting
 * every leaf of those indexes again. The bound therefore scales the estimate by how much it overcounted at the last
 * checkpoint.
 */
final class ChangedPagesBound {

    /**
     * An estimate that overcounted by more than this is taken as overcounting by this much only. Random-key inserts
     * overcount by 1.5 to 1.8; a page changed many times can make one checkpoint's overcount much larger, and if the
     * next changes are spread over distinct pages the learned factor would let that checkpoint write as many times
     * the bound: at most twice, 128 MB, keeps its buffer well inside a 1 GB heap.
     */
    static final double MAX_OVERCOUNT = 2;

    private final long maxWrittenBytes;
    private double overcount = 1;

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
