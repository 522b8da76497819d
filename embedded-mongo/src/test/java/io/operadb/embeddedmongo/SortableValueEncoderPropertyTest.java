package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The byte order of encoded values is the server's order of the values: MongoDB's type order, numbers
 * of all four types by exact value, strings as Java compares them, and so on.
 */
class SortableValueEncoderPropertyTest {

    /** mongo-java-server's type order (MongoDB's, with its UUID classes among the binary types). */
    private static final List<Class<?>> TYPE_ORDER = List.of(MinKey.class, Void.class, Number.class, String.class,
        Document.class, List.class, BinData.class, de.bwaldvogel.mongo.bson.LegacyUUID.class, UUID.class, ObjectId.class,
        Boolean.class, Instant.class, BsonTimestamp.class, MaxKey.class);

    @Property(tries = 3_000, seed = "7")
    void encoded_order_follows_the_server_order(@ForAll("values") Object a, @ForAll("values") Object b) {
        KeyBytes encodedA = new KeyBytes();
        KeyBytes encodedB = new KeyBytes();
        boolean exact = SortableValueEncoder.encode(a, encodedA) & SortableValueEncoder.encode(b, encodedB);
        int expected = Integer.signum(reference(a, b));
        int actual = Integer.signum(KeyBytes.compare(encodedA.toArray(), encodedB.toArray()));
        if (exact) {
            assertThat(actual).as("%s vs %s", a, b).isEqualTo(expected);
        } else if (expected != 0) {
            assertThat(actual).as("%s vs %s", a, b).isIn(0, expected);
        }
    }

    @Property(tries = 2_000, seed = "11")
    void numbers_of_all_types_compare_by_exact_value(@ForAll("numbers") Number a, @ForAll("numbers") Number b) {
        encoded_order_follows_the_server_order(a, b);
    }

    @Example
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

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
            numbers().map(n -> (Object) n),
            Arbitraries.strings().ofMaxLength(6).withCharRange('\u0000', '\u00ff').map(s -> (Object) s),
            Arbitraries.strings().ofMaxLength(4).all().map(s -> (Object) s),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L)
                .map(seconds -> (Object) Instant.ofEpochSecond(seconds, Math.floorMod(seconds, 1_000) * 1_000_000L)),
            Arbitraries.bytes().array(byte[].class).ofSize(12).map(bytes -> (Object) new ObjectId(bytes)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(5).map(bytes -> (Object) new BinData(bytes)),
            Arbitraries.longs().map(v -> (Object) new BsonTimestamp(v)),
            Arbitraries.create(UUID::randomUUID).map(u -> (Object) u),
            Arbitraries.of(MinKey.getInstance(), MaxKey.getInstance()).map(k -> (Object) k),
            Arbitraries.just(null));
    }

    @Provide
    Arbitrary<Number> numbers() {
        return Arbitraries.oneOf(
            Arbitraries.integers().map(i -> (Number) i),
            Arbitraries.integers().between(-3, 3).map(i -> (Number) i),
            Arbitraries.longs().map(l -> (Number) l),
            Arbitraries.longs().between((1L << 53) - 3, (1L << 53) + 3).map(l -> (Number) l),
            Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1).map(l -> (Number) l),
            Arbitraries.doubles().map(d -> (Number) d),
            Arbitraries.doubles().between(-3, 3).ofScale(2).map(d -> (Number) d),
            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
                -Double.MAX_VALUE, 9.223372036854775807E18, 9_007_199_254_740_992.0).map(d -> (Number) d),
            Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(6)
                .map(d -> (Number) new Decimal128(d)),
            Arbitraries.of(new BigDecimal("1E+400"), new BigDecimal("-1E+400"), new BigDecimal("1E-400"),
                new BigDecimal("0.1"), new BigDecimal("9223372036854775807"), new BigDecimal("9007199254740993"))
                .map(d -> (Number) new Decimal128(d)),
            Arbitraries.of(Decimal128.NaN, Decimal128.POSITIVE_INFINITY, Decimal128.NEGATIVE_INFINITY,
                Decimal128.NEGATIVE_ZERO).map(d -> (Number) d));
    }
}
