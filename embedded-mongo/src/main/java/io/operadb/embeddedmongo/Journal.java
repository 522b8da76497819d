package io.operadb.embeddedmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write-ahead journal: every document change is appended here as a {@link JournalRecord} while the
 * operation runs, and a write that asks for {@code j: true} is answered once its records are written and synced
 * to the journal file, a small sequential write. The MVStore file itself is committed far less often
 * ({@link Checkpointer}): a commit rewrites every changed page whole, so committing once per journaled write
 * multiplied the bytes written (decision record 0053).
 * <p>
 * The journal is a directory of numbered segment files. A checkpoint starts a new segment at the moment it takes
 * its snapshot and records that segment's number in the snapshot; once the snapshot is on disk the older
 * segments are deleted. Opening a store replays the segments from the recorded number on.
 * <p>
 * Appends go to an in-memory buffer; {@link #writeAndSync()} writes what is buffered, oldest segment first, and
 * syncs every segment it wrote to, oldest first, so that what is on disk is always a prefix of what was appended.
 */
final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private static final String SEGMENT_SUFFIX = ".journal";
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final Path directory;

    /** Guards the buffers and the segment numbering. */
    private final Object appendLock = new Object();
    private long currentSegment;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int buffered;
    /** Bytes of segments that were current before, not yet written to their files; guarded by appendLock. */
    private final TreeMap<Long, List<byte[]>> pendingOfEarlierSegments = new TreeMap<>();
    private long appendedBytes;

    /** Guards the files. */
    private final ReentrantLock fileLock = new ReentrantLock();
    private final TreeMap<Long, FileChannel> channels = new TreeMap<>();
    private final TreeMap<Long, Boolean> unsynced = new TreeMap<>();
    private long syncs;

    private Journal(Path directory, long firstSegment) {
        this.directory = directory;
        this.currentSegment = firstSegment;
    }

    /** A journal appending to segment {@code firstSegment} onwards in {@code directory} (created if missing). */
    static Journal open(Path directory, long firstSegment) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + directory, e);
        }
        return new Journal(directory, firstSegment);
    }

    /** The journal directory of a data file: beside it, named after it. */
    static Path directoryOf(Path dataFile) {
        return dataFile.resolveSibling(dataFile.getFileName() + ".journal");
    }

    // ---- appending ---------------------------------------------------------------------------------

    void append(JournalRecord record) {
        byte[] frame = record.encode();
        synchronized (appendLock) {
            if (buffered + frame.length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + frame.length));
            }
            System.arraycopy(frame, 0, buffer, buffered, frame.length);
            buffered += frame.length;
            appendedBytes += frame.length;
        }
    }

    /** Bytes appended since the journal was opened. */
    long appendedBytes() {
        synchronized (appendLock) {
            return appendedBytes;
        }
    }

    boolean hasUnwritten() {
        synchronized (appendLock) {
            return buffered > 0 || !pendingOfEarlierSegments.isEmpty();
        }
    }

    /**
     * Starts a new segment: what is appended from now on belongs to it. Called by a checkpoint while no operation
     * runs, so the segments before it hold exactly the changes its snapshot contains. Returns the new segment's number.
     */
    long startSegment() {
        synchronized (appendLock) {
            if (buffered > 0) {
                pendingOfEarlierSegments.computeIfAbsent(currentSegment, s -> new ArrayList<>())
                    .add(Arrays.copyOf(buffer, buffered));
                buffered = 0;
            }
            currentSegment++;
            return currentSegment;
        }
    }

    // ---- writing -----------------------------------------------------------------------------------

    /**
     * Writes everything appended so far to the segment files and syncs them, oldest segment first; unless
     * {@code mayWrite}, asked once the appended bytes are taken (so it sees whatever happened before the last of
     * them was appended), says no: then the bytes are dropped and false returned, and the caller must checkpoint,
     * which covers them.
     */
    boolean writeAndSync(BooleanSupplier mayWrite) {
        fileLock.lock();
        try {
            TreeMap<Long, List<byte[]>> toWrite = takeUnwritten();
            if (!mayWrite.getAsBoolean()) {
                return false;
            }
            for (Map.Entry<Long, List<byte[]>> segment : toWrite.entrySet()) {
                FileChannel channel = channel(segment.getKey());
                for (byte[] bytes : segment.getValue()) {
                    writeFully(channel, ByteBuffer.wrap(bytes));
                }
                unsynced.put(segment.getKey(), Boolean.TRUE);
            }
            for (Iterator<Long> segments = unsynced.keySet().iterator(); segments.hasNext(); ) {
                channels.get(segments.next()).force(false);
                segments.remove();
                syncs++;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal in " + directory, e);
        } finally {
            fileLock.unlock();
        }
    }

    private TreeMap<Long, List<byte[]>> takeUnwritten() {
        synchronized (appendLock) {
            TreeMap<Long, List<byte[]>> taken = new TreeMap<>(pendingOfEarlierSegments);
            pendingOfEarlierSegments.clear();
            if (buffered > 0) {
                taken.computeIfAbsent(currentSegment, s -> new ArrayList<>()).add(Arrays.copyOf(buffer, buffered));
                buffered = 0;
            }
            return taken;
        }
    }

    /** Journal file syncs so far. */
    long syncs() {
        fileLock.lock();
        try {
            return syncs;
        } finally {
            fileLock.unlock();
        }
    }

    private FileChannel channel(long segment) throws IOException {
        FileChannel channel = channels.get(segment);
        if (channel == null) {
            channel = FileChannel.open(segmentFile(directory, segment), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            channels.put(segment, channel);
            if (channels.size() == 1) {
                syncDirectory(); // the new file's name must survive a crash as well as its content
            }
        }
        return channel;
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.trace("cannot sync directory {}: {}", directory, e.toString()); // not possible on every platform
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Deletes the segments before {@code segment}, whose changes a checkpoint has put on disk, unwritten parts too. */
    void deleteSegmentsBefore(long segment) {
        synchronized (appendLock) {
            pendingOfEarlierSegments.headMap(segment).clear();
        }
        fileLock.lock();
        try {
            for (Iterator<Map.Entry<Long, FileChannel>> open = channels.headMap(segment).entrySet().iterator(); open.hasNext(); ) {
                open.next().getValue().close();
                open.remove();
            }
            unsynced.headMap(segment).clear();
            for (long old : segmentsIn(directory)) {
                if (old < segment) {
                    Files.deleteIfExists(segmentFile(directory, old));
                }
            }
        } catch (IOException e) {
            // harmless: an old segment only replays changes the store already has
            log.warn("cannot delete old journal segments in {}", directory, e);
        } finally {
            fileLock.unlock();
        }
    }

    /** Closes the files; what was appended but not written is dropped (the last checkpoint covers it at a clean close). */
    @Override
    public void close() {
        fileLock.lock();
        try {
            for (FileChannel channel : channels.values()) {
                channel.close();
            }
            channels.clear();
        } catch (IOException e) {
            log.warn("cannot close the journal in {}", directory, e);
        } finally {
            fileLock.unlock();
        }
    }

    // ---- reading -----------------------------------------------------------------------------------

    static Path segmentFile(Path directory, long segment) {
        return directory.resolve(String.format("%019d%s", segment, SEGMENT_SUFFIX));
    }

    /** The numbers of the segment files in {@code directory}, ascending; none if it does not exist. */
    static List<Long> segmentsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(SEGMENT_SUFFIX))
                .map(name -> name.substring(0, name.length() - SEGMENT_SUFFIX.length()))
                .filter(number -> !number.isEmpty() && number.chars().allMatch(Character::isDigit))
                .map(Long::parseLong)
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal directory " + directory, e);
        }
    }

    /**
     * The records of one segment file, in order, up to the first torn or damaged one.
     *
     * @param complete false if the file goes on beyond its last intact record (its end was cut off by a crash)
     */
    record SegmentContents(List<JournalRecord> records, boolean complete) {
    }

    static SegmentContents read(Path segmentFile) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segmentFile));
            List<JournalRecord> records = new ArrayList<>();
            JournalRecord record;
            while ((record = JournalRecord.decode(bytes)) != null) {
                records.add(record);
            }
            if (bytes.hasRemaining()) {
                log.warn("journal segment {} ends in {} bytes that are not an intact record (a write cut off by a crash); "
                    + "they and any later segment are ignored", segmentFile, bytes.remaining());
            }
            return new SegmentContents(records, !bytes.hasRemaining());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + segmentFile, e);
        }
    }
}
