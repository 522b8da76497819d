package io.operadb.embeddedmongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the embedded server keeps its data, where it listens, how much memory its page cache may use, and how
 * often it checkpoints.
 *
 * @param dataFile    the H2 MVStore file; {@code null} keeps everything in memory
 * @param host        the interface to bind, {@code "localhost"} when blank
 * @param port        the TCP port, {@code 0} picks any free port
 * @param cacheSizeMb the MVStore page cache in MB (of heap): pages read from the file stay there, so a
 *                    store that fits reads each page from the file once; {@link #defaultCacheSizeMb()}, an eighth
 *                    of the heap, unless given
 * @param checkpointInterval how long a change waits, at most, for the checkpoint that commits it to the file (the
 *                    interval runs from the oldest change no checkpoint has covered; the journal's size and the changed
 *                    pages' memory can call one sooner); until then changes are kept durable by the journal beside
 *                    the file. Longer: fewer bytes written, pages changed often are written once; shorter: less
 *                    memory for changed pages and a shorter journal to replay after a crash.
 *                    {@link #DEFAULT_CHECKPOINT_INTERVAL} when null
 * @param indexSegmentEntries how many entries a full segment of an index holds: new entries go to a segment of a
 *                    quarter of this, and four such merge into a full one (what is left of them merges when writes
 *                    pause). New entries change only the newest segment, so a checkpoint writes at most about a quarter
 *                    of this many entries of an index that takes inserts at random places, and a lookup or an insert
 *                    into a unique index seeks once per segment. {@link #DEFAULT_INDEX_SEGMENT_ENTRIES} when 0; applies
 *                    to the entries added after start
 */
public record EmbeddedMongoSettings(Path dataFile, String host, int port, int cacheSizeMb, Duration checkpointInterval,
                                    long indexSegmentEntries) {

    public static final String DEFAULT_HOST = "localhost";
    /**
     * The default page cache's share of the heap: one eighth of it. A cache of a fixed size served small heaps well
     * and large stores badly: with 64 MB, an aggregate load in a store of a million documents read 14 to 16 of its 20
     * documents from the file, with 256 MB (an eighth of 2 GB) 3 to 7 (decision record 0060).
     */
    public static final int DEFAULT_CACHE_HEAP_DIVISOR = 8;
    /** The smallest default page cache, MVStore's own default. */
    public static final int MIN_DEFAULT_CACHE_SIZE_MB = 16;
    /** The default page cache when the heap has no known limit. */
    static final int UNKNOWN_HEAP_CACHE_SIZE_MB = 64;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    /**
     * Entries per full index segment: a lookup seeks once per this many, and new entries go to segments of a quarter
     * of it, which a checkpoint under inserts at random places writes (decision records 0065, 0068).
     */
    public static final long DEFAULT_INDEX_SEGMENT_ENTRIES = 1L << 19;

    public EmbeddedMongoSettings {
        checkpointInterval = checkpointInterval == null ? DEFAULT_CHECKPOINT_INTERVAL : checkpointInterval;
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be positive: " + checkpointInterval);
        }
        host = (host == null || host.isBlank()) ? DEFAULT_HOST : host;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (cacheSizeMb < 1) {
            throw new IllegalArgumentException("cache size must be at least 1 MB: " + cacheSizeMb);
        }
        if (indexSegmentEntries < 0) {
            throw new IllegalArgumentException("index segment entries must be positive, or 0 for the default: "
                + indexSegmentEntries);
        }
        indexSegmentEntries = indexSegmentEntries == 0 ? DEFAULT_INDEX_SEGMENT_ENTRIES : indexSegmentEntries;
    }

    /** With the {@link #DEFAULT_INDEX_SEGMENT_ENTRIES default index segments}. */
    public EmbeddedMongoSettings(Path dataFile, String host, int port, int cacheSizeMb, Duration checkpointInterval) {
        this(dataFile, host, port, cacheSizeMb, checkpointInterval, DEFAULT_INDEX_SEGMENT_ENTRIES);
    }

    /** With the {@link #DEFAULT_CHECKPOINT_INTERVAL default checkpoint interval}. */
    public EmbeddedMongoSettings(Path dataFile, String host, int port, int cacheSizeMb) {
        this(dataFile, host, port, cacheSizeMb, DEFAULT_CHECKPOINT_INTERVAL);
    }

    /** With the {@link #defaultCacheSizeMb() default page cache} and checkpoint interval. */
    public EmbeddedMongoSettings(Path dataFile, String host, int port) {
        this(dataFile, host, port, defaultCacheSizeMb());
    }

    /** An eighth of this JVM's maximum heap, at least {@value #MIN_DEFAULT_CACHE_SIZE_MB} MB. */
    public static int defaultCacheSizeMb() {
        return defaultCacheSizeMb(Runtime.getRuntime().maxMemory());
    }

    static int defaultCacheSizeMb(long maxHeapBytes) {
        if (maxHeapBytes == Long.MAX_VALUE) {
            return UNKNOWN_HEAP_CACHE_SIZE_MB; // what Runtime.maxMemory says when the heap has no limit
        }
        return (int) Math.max(MIN_DEFAULT_CACHE_SIZE_MB, (maxHeapBytes / DEFAULT_CACHE_HEAP_DIVISOR) >> 20);
    }

    /** In memory, on localhost, any free port. */
    public static EmbeddedMongoSettings inMemory() {
        return new EmbeddedMongoSettings(null, DEFAULT_HOST, 0);
    }

    /** Persisted in {@code dataFile}, on localhost, any free port. */
    public static EmbeddedMongoSettings file(Path dataFile) {
        return new EmbeddedMongoSettings(Objects.requireNonNull(dataFile, "dataFile"), DEFAULT_HOST, 0);
    }

    public EmbeddedMongoSettings withPort(int newPort) {
        return new EmbeddedMongoSettings(dataFile, host, newPort, cacheSizeMb, checkpointInterval, indexSegmentEntries);
    }

    public EmbeddedMongoSettings withHost(String newHost) {
        return new EmbeddedMongoSettings(dataFile, newHost, port, cacheSizeMb, checkpointInterval, indexSegmentEntries);
    }

    public EmbeddedMongoSettings withCacheSizeMb(int newCacheSizeMb) {
        return new EmbeddedMongoSettings(dataFile, host, port, newCacheSizeMb, checkpointInterval, indexSegmentEntries);
    }

    public EmbeddedMongoSettings withCheckpointInterval(Duration newCheckpointInterval) {
        return new EmbeddedMongoSettings(dataFile, host, port, cacheSizeMb, newCheckpointInterval, indexSegmentEntries);
    }

    public EmbeddedMongoSettings withIndexSegmentEntries(long newIndexSegmentEntries) {
        return new EmbeddedMongoSettings(dataFile, host, port, cacheSizeMb, checkpointInterval, newIndexSegmentEntries);
    }

    public boolean isInMemory() {
        return dataFile == null;
    }
}
