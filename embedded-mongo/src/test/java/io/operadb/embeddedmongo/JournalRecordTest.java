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
