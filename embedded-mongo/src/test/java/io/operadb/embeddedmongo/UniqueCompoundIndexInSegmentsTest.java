package io.operadb.embeddedmongo;

import java.nio.file.Path;

/**
 * The unique index's checks, with its entries in segments of three: an insert must find another document's equal
 * values in every older segment, and an update's check must walk them all ({@link IndexSegments}).
 */
class UniqueCompoundIndexInSegmentsTest extends UniqueCompoundIndexTest {

    @Override
    EmbeddedMongoSettings settings(Path file) {
        return super.settings(file).withIndexSegmentEntries(3);
    }
}
