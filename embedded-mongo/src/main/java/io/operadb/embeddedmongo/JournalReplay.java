package io.operadb.embeddedmongo;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;

/**
 * Brings a store opened at its last checkpoint up to date with its journal: applies the records of every segment
 * from the checkpoint's on, in order, up to the first torn record (what follows it was never acknowledged: segments
 * are synced oldest first).
 */
final class JournalReplay {

    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /** Applies the journal in {@code directory} from segment {@code firstSegment} on; returns the records applied. */
    static long replay(Path directory, long firstSegment, Function<String, MongoDatabase> databases) {
        long applied = 0;
        long started = System.nanoTime();
        for (long segment : Journal.segmentsIn(directory)) {
            if (segment < firstSegment) {
                continue; // covered by the checkpoint; left behind by a crash before it was deleted
            }
            Journal.SegmentContents contents = Journal.read(Journal.segmentFile(directory, segment));
            for (JournalRecord record : contents.records()) {
                apply(record, databases);
                applied++;
            }
            if (!contents.complete()) {
                break;
            }
        }
        if (applied > 0) {
            log.info("replayed {} journaled changes from {} in {} ms", applied, directory,
                (System.nanoTime() - started) / 1_000_000);
        }
        return applied;
    }

    private static void apply(JournalRecord record, Function<String, MongoDatabase> databases) {
        if (!(databases.apply(record.database()) instanceof IndexedH2Database database)) {
            throw new IllegalStateException("journal names database '" + record.database() + "', which cannot be opened");
        }
        IndexedH2Collection collection = database.collectionForReplay(record.collection());
        collection.replay(record.position(), record.kind() == JournalRecord.Kind.PUT ? record.bson() : null);
    }
}
