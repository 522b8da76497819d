package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/** Document maps are ordered by this comparison: its shortcuts must order exactly as the server's comparator does. */
class PositionTypeTest {

    @Test
    void compares_every_pair_of_positions_as_the_server_does() {
        Random random = new Random(7);
        List<Object> positions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            positions.add(new ObjectId());
            byte[] bytes = new byte[12];
            random.nextBytes(bytes); // high bytes too: ObjectIds compare as unsigned bytes
            positions.add(new ObjectId(bytes));
            positions.add(randomString(random));
            positions.add(random.nextLong());
            positions.add((long) random.nextInt(100)); // longs an int can hold, which the server normalizes
            positions.add(random.nextInt());
            positions.add(random.nextInt(100));
            positions.add(random.nextDouble() * 100);
        }
        positions.addAll(List.of(Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, "", "\uD83D\uDE80",
            "\uFFFF", new Document("a", 1), Missing.getInstance(), true));

        for (Object a : positions) {
            for (Object b : positions) {
                int expected = Missing.isNullOrMissing(a) || Missing.isNullOrMissing(b)
                    ? Boolean.compare(!Missing.isNullOrMissing(a), !Missing.isNullOrMissing(b))
                    : ValueComparator.asc().compare(a, b);
                assertThat(Integer.signum(PositionType.INSTANCE.compare(a, b)))
                    .as("%s (%s) against %s (%s)", a, a.getClass().getSimpleName(), b, b.getClass().getSimpleName())
                    .isEqualTo(Integer.signum(expected));
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.appendCodePoint(kind == 0 ? 0x10000 + random.nextInt(0x1000) : kind == 1 ? 0xE000 + random.nextInt(0x1000)
                : 'a' + random.nextInt(4));
        }
        return text.toString();
    }
}
