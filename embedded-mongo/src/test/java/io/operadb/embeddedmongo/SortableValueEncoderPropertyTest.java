package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The byte order of encoded values is the server's order of the values: MongoDB's type order, numbers
 * of all four types by exact value, strings as Java compares them, and so on. The randomized tests
 * check 3,000 and 2,000 seeded pairs of values; a failure names its try, the try's seed and both values.
 */
class SortableValueEncoderPropertyTest {

    /** mongo-java-server's type order (MongoDB's, with its UUID classes among the binary types). */
    private static final List<Class<?>> TYPE_ORDER = List.of(MinKey.class, Void.class, Number.class, String.class,
        Document.class, List.class, BinData.class, de.bwaldvogel.mongo.bson.LegacyUUID.class, UUID.class, ObjectId.class,
        Boolean.class, Instant.class, BsonTimestamp.class, MaxKey.class);

    @Test
    void encoded_order_follows_the_server_order() {
        for (Gen.Try<Object, Object> t : Gen.tries(7, 3_000, values(), values())) {
            assertEncodedOrderFollowsServerOrder("values seeded with 7, " + t, t.first(), t.second());
        }
    }

    @Test
    void numbers_of_all_types_compare_by_exact_value() {
        for (Gen.Try<Number, Number> t : Gen.tries(11, 2_000, numbers(), numbers())) {
            assertEncodedOrderFollowsServerOrder("numbers seeded with 11, " + t, t.first(), t.second());
        }
    }

    @Test
    void numerically_equal_numbers_of_different_types_encode_equally() {
        byte[] asInt = encode(7);
        assertThat(encode(7L)).isEqualTo(asInt);
        assertThat(encode(7.0)).isEqualTo(asInt);
        assertThat(encode(new Decimal128(new BigDecimal("7.000")))).isEqualTo(asInt);
        assertThat(encode(-0.0)).isEqualTo(encode(0));
        assertThat(KeyBytes.compare(encode(9_007_199_254_740_993L), encode(9_007_199_254_740_992.0))).isPositive();
        assertThat(KeyBytes.compare(encode(Long.MAX_VALUE), encode(9.223372036854775807E18))).isNegative();
    }

    private static byte[] encode(Object value) {
        KeyBytes bytes = new KeyBytes();
        SortableValueEncoder.encode(value, bytes);
        return bytes.toArray();
    }

    private static void assertEncodedOrderFollowsServerOrder(String tryDescription, Object a, Object b) {
        String description = tryDescription + ": " + describe(a) + " vs " + describe(b);
        try {
            KeyBytes encodedA = new KeyBytes();
            KeyBytes encodedB = new KeyBytes();
            boolean exact = SortableValueEncoder.encode(a, encodedA) & SortableValueEncoder.encode(b, encodedB);
            int expected = Integer.signum(reference(a, b));
            int actual = Integer.signum(KeyBytes.compare(encodedA.toArray(), encodedB.toArray()));
            if (exact) {
                assertThat(actual).as(description).isEqualTo(expected);
            } else if (expected != 0) {
                assertThat(actual).as(description).isIn(0, expected);
            }
        } catch (RuntimeException e) {
            throw new AssertionError(description + ": " + e, e);
        }
    }

    /** A value with its type, strings quoted with other than printable ASCII escaped, binary data in hex. */
    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String string) {
            StringBuilder quoted = new StringBuilder("String \"");
            string.chars().forEach(c -> quoted.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                ? String.valueOf((char) c) : String.format("\\u%04x", c)));
            return quoted.append('"').toString();
        }
        if (value instanceof BinData binData) {
            return "BinData " + HexFormat.of().formatHex(binData.getData());
        }
        return value.getClass().getSimpleName() + " " + value;
    }

    private static int reference(Object a, Object b) {
        int typeComparison = Integer.compare(typeRank(a), typeRank(b));
        if (typeComparison != 0) {
            return typeComparison;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        return ValueComparator.asc().compare(a, b);
    }

    private static int typeRank(Object value) {
        if (value == null) {
            return 1;
        }
        for (int i = 0; i < TYPE_ORDER.size(); i++) {
            if (TYPE_ORDER.get(i).isInstance(value)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no rank for " + value.getClass());
    }

    /** Exact numeric comparison; NaN above everything, as the server sorts it. */
    private static int compareNumbers(Number a, Number b) {
        double da = a.doubleValue();
        double db = b.doubleValue();
        boolean specialA = Double.isNaN(da) || (Double.isInfinite(da) && !isFiniteDecimal(a));
        boolean specialB = Double.isNaN(db) || (Double.isInfinite(db) && !isFiniteDecimal(b));
        if (specialA || specialB) {
            if (specialA && specialB) {
                return Double.compare(da, db);
            }
            BigDecimal finite = specialA ? exact(b) : exact(a);
            double special = specialA ? da : db;
            int specialVersusFinite = Double.isNaN(special) || special > 0 ? 1 : -1;
            return specialA ? specialVersusFinite : -specialVersusFinite;
        }
        return exact(a).compareTo(exact(b));
    }

    private static boolean isFiniteDecimal(Number number) {
        return number instanceof Decimal128 decimal && !decimal.equals(Decimal128.POSITIVE_INFINITY)
            && !decimal.equals(Decimal128.NEGATIVE_INFINITY) && !decimal.equals(Decimal128.NaN);
    }

    private static BigDecimal exact(Number number) {
        if (number instanceof Decimal128 decimal) {
            return decimal.toBigDecimal();
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.doubleValue());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    /** Values of every type: numbers, Latin-1 and any strings, booleans, dates, ids, binary data, ... */
    private static Gen<Object> values() {
        return Gen.oneOf(
            numbers(),
            Gen.strings('\u0000', '\u00ff', 6),
            Gen.strings(Character.MIN_VALUE, Character.MAX_VALUE, 4),
            Gen.of(true, false),
            Gen.longs(-5_000_000_000L, 5_000_000_000L)
                .map(seconds -> Instant.ofEpochSecond(seconds, Math.floorMod(seconds, 1_000) * 1_000_000L)),
            Gen.byteArrays(12, 12).map(ObjectId::new),
            Gen.byteArrays(0, 5).map(BinData::new),
            Gen.longs().map(BsonTimestamp::new),
            Gen.from(SortableValueEncoderPropertyTest::randomUuid),
            Gen.of(MinKey.getInstance(), MaxKey.getInstance()),
            Gen.just(null));
    }

    /** Like {@link UUID#randomUUID()}, a version 4 UUID, but from the seeded random source. */
    private static UUID randomUuid(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /**
     * Numbers of all four types: any and small ints, any longs and longs around 2^53, the extreme longs,
     * any doubles and small ones with two decimals, special doubles, decimals and special decimals.
     */
    private static Gen<Number> numbers() {
        return Gen.oneOf(
            Gen.ints(),
            Gen.ints(-3, 3),
            Gen.longs(),
            Gen.longs((1L << 53) - 3, (1L << 53) + 3),
            Gen.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1),
            Gen.doubles(),
            Gen.doubles(-3, 3, 2),
            Gen.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
                -Double.MAX_VALUE, 9.223372036854775807E18, 9_007_199_254_740_992.0),
            Gen.decimals(new BigDecimal("-1e20"), new BigDecimal("1e20"), 6).map(Decimal128::new),
            Gen.of(new BigDecimal("1E+400"), new BigDecimal("-1E+400"), new BigDecimal("1E-400"),
                new BigDecimal("0.1"), new BigDecimal("9223372036854775807"), new BigDecimal("9007199254740993"))
                .map(Decimal128::new),
            Gen.of(Decimal128.NaN, Decimal128.POSITIVE_INFINITY, Decimal128.NEGATIVE_INFINITY,
                Decimal128.NEGATIVE_ZERO));
    }
}
