package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/** An index entry carries no value, so the document's position must come back from its key, type and all. */
class DocumentIdentityTest {

    static Stream<Object> positions() {
        return Stream.of(
            new ObjectId(),
            "order-42",
            "ünïcödé ✓ 🚀",
            "",
            "x".repeat(254),
            "y".repeat(300), // an identity longer than one length byte can say
            "z".repeat(70_000),
            42,
            -7L,
            Long.MAX_VALUE,
            3.25,
            true,
            Instant.parse("2026-12-07T03:00:00Z"), // the server's type for a BSON date
            new Document("tenant", "acme").append("n", 1),
            Missing.getInstance());
    }

    @ParameterizedTest
    @MethodSource("positions")
    void the_position_reads_back_from_a_key_that_ends_with_its_identity(Object position) {
        byte[] values = {0x28, 'a', 'b', 0x00, 0x1E, 0x40, 0x10}; // any encoded values before it
        byte[] key = KeyBytes.concat(values, DocumentIdentity.encode(position));

        Object read = DocumentIdentity.positionOf(key);

        assertThat(read).isEqualTo(position);
        assertThat(read.getClass()).isEqualTo(position.getClass());
    }

    @Test
    void random_positions_have_distinct_identities_and_read_back() {
        Random random = new Random(20261207);
        for (int i = 0; i < 2_000; i++) {
            String a = randomString(random);
            String b = randomString(random);
            assertThat(Arrays.equals(DocumentIdentity.encode(a), DocumentIdentity.encode(b))).isEqualTo(a.equals(b));
            assertThat(DocumentIdentity.encode(a)).isNotEqualTo(DocumentIdentity.encode(a + "\0"));
            assertThat(DocumentIdentity.positionOf(KeyBytes.concat(new byte[] {0x14}, DocumentIdentity.encode(a)))).isEqualTo(a);
            long number = random.nextLong();
            int small = random.nextInt();
            for (Object position : List.of(number, small, new UUID(number, small), new ObjectId())) {
                assertThat(DocumentIdentity.positionOf(DocumentIdentity.encode(position))).isEqualTo(position);
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(random.nextInt(10) == 0 ? 400 : 8);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x2000) : 'a' + random.nextInt(3));
        }
        return text.toString();
    }

    /**
     * H2's {@code WriteBuffer} grows by at least a megabyte. An identity written into a buffer too small for it
     * allocated one per index entry: OperaDB's read models and feed have ids of 40 to 80 characters, and the
     * projection catch-up of the growth benchmark ran 2.5 times slower under the garbage collection that caused.
     */
    @Test
    void encoding_the_identity_of_a_long_string_id_allocates_about_its_length() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        String id = "acme:ticket:" + UUID.randomUUID() + ":" + UUID.randomUUID();
        DocumentIdentity.encode(id); // loads and initialises what the first call needs
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 100; i++) {
            assertThat(DocumentIdentity.positionOf(DocumentIdentity.encode(id))).isEqualTo(id);
        }
        long perEncoding = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 100;

        assertThat(perEncoding).as("bytes allocated per encoding of a %d-character id", id.length()).isLessThan(4_096);
    }

    /** Every index entry of an insert encodes its document's position: an ObjectId's takes a buffer of its size. */
    @Test
    void encoding_the_identity_of_an_object_id_allocates_about_its_length() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ObjectId id = new ObjectId();
        DocumentIdentity.encode(id);
        long sink = 0;
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 1_000; i++) {
            sink += DocumentIdentity.encode(id).length;
        }
        long perEncoding = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 1_000;

        assertThat(sink).isEqualTo(1_000L * 15);
        assertThat(perEncoding).as("bytes allocated per encoding of an ObjectId").isLessThan(320);
    }
}
