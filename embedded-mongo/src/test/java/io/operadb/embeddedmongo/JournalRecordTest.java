package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

class JournalRecordTest {

    @Test
    void a_record_with_a_long_string_id_allocates_about_its_own_size_not_a_megabyte() {
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] bson = DocumentCodec.encode(new Document("_id", "x").append("v", 1));
        String id = "acme/counter/" + "c".repeat(100); // ids of entities and events are longer than 32 bytes
        JournalRecord.put("db", "entities", id, bson).encode(); // warm up

        long before = threads.getCurrentThreadAllocatedBytes();
        int size = 0;
        for (int i = 0; i < 100; i++) {
            size += JournalRecord.put("db", "entities", id + i, bson).encode().length;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // the encoded records themselves and their parts, a few times over; not the 1 MB that H2's WriteBuffer grows by
        assertThat(allocated).isLessThan(20L * size);
    }

    @Test
    void puts_and_deletes_of_every_usual_id_type_read_back_as_written() {
        byte[] bson = DocumentCodec.encode(new Document("_id", "x").append("v", 1));
        List<Object> positions = List.of("text-é", 42, 7L, new ObjectId(), 1.5, Missing.getInstance());
        ByteBuffer journal = ByteBuffer.allocate(4096);
        for (Object position : positions) {
            journal.put(JournalRecord.put("db", "events", position, bson).encode());
            journal.put(JournalRecord.delete("db", "events", position).encode());
        }
        journal.flip();

        for (Object position : positions) {
            JournalRecord put = JournalRecord.decode(journal);
            assertThat(put.kind()).isEqualTo(JournalRecord.Kind.PUT);
            assertThat(put.database()).isEqualTo("db");
            assertThat(put.collection()).isEqualTo("events");
            assertThat(put.position()).isEqualTo(position);
            assertThat(put.bson()).isEqualTo(bson);
            JournalRecord delete = JournalRecord.decode(journal);
            assertThat(delete.kind()).isEqualTo(JournalRecord.Kind.DELETE);
            assertThat(delete.position()).isEqualTo(position);
            assertThat(delete.bson()).isNull();
        }
        assertThat(journal.hasRemaining()).isFalse();
    }

    @Test
    void a_torn_or_damaged_record_is_not_read_and_the_position_stays_before_it() {
        byte[] frame = JournalRecord.put("db", "c", "id", DocumentCodec.encode(new Document("_id", "id"))).encode();

        for (int cut = 0; cut < frame.length; cut++) {
            ByteBuffer torn = ByteBuffer.wrap(Arrays.copyOf(frame, cut));
            assertThat(JournalRecord.decode(torn)).as("cut at %d", cut).isNull();
            assertThat(torn.position()).isZero();
        }
        byte[] damaged = frame.clone();
        damaged[damaged.length - 3] ^= 0x40;
        assertThat(JournalRecord.decode(ByteBuffer.wrap(damaged))).isNull();
        assertThat(JournalRecord.decode(ByteBuffer.wrap(frame))).isNotNull();
    }
}
