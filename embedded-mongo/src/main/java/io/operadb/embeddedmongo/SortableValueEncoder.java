package io.operadb.embeddedmongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Encodes BSON values into byte strings whose unsigned lexicographic order is the order in which the
 * server compares the values (types in MongoDB's type order; int, long, double and Decimal128 by
 * numeric value; strings as the server's String comparison does). Each encoding is self-delimiting,
 * so encodings can be concatenated into compound keys and compared as a whole.
 * <p>
 * The encoding is order-preserving but not always injective: sub-documents, arrays, regular
 * expressions and exotic types get only their type byte, and a Decimal128 is approximated by two
 * doubles. {@link #encode} reports when that happened, because equal encodings then do not prove equal
 * values. Queries stay correct regardless, since every candidate an index returns is matched again.
 */
final class SortableValueEncoder {

    // type tags, spaced so that their complements (descending keys) never collide with 0x00 or 0xFF
    static final int MIN_KEY = 0x0A;
    static final int NULL = 0x14;
    static final int NUMBER = 0x1E;
    static final int STRING = 0x28;
    static final int DOCUMENT = 0x32;
    static final int ARRAY = 0x3C;
    static final int BIN_DATA = 0x46;
    static final int LEGACY_UUID = 0x50;
    static final int UUID_TAG = 0x5A;
    static final int OBJECT_ID = 0x64;
    static final int BOOLEAN = 0x6E;
    static final int DATE = 0x78;
    static final int TIMESTAMP = 0x82;
    static final int REGEX = 0x8C;
    static final int OTHER = 0xE6;
    static final int MAX_KEY = 0xF0;

    // after a number's nearest double: is the exact value below it, equal to it, or above it
    private static final int BELOW_DOUBLE = 0x01;
    private static final int EQUALS_DOUBLE = 0x02;
    private static final int ABOVE_DOUBLE = 0x03;

    private static final long EXACT_DOUBLE_LONG_LIMIT = 1L << 53;

    private SortableValueEncoder() {
    }

    static int typeTag(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return NULL;
        } else if (value instanceof Number) {
            return NUMBER;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof BsonRegularExpression) {
            return REGEX;
        } else if (value instanceof Map) {
            return DOCUMENT;
        } else if (value instanceof Collection) {
            return ARRAY;
        } else if (value instanceof BinData) {
            return BIN_DATA;
        } else if (value instanceof LegacyUUID) {
            return LEGACY_UUID;
        } else if (value instanceof UUID) {
            return UUID_TAG;
        } else if (value instanceof ObjectId) {
            return OBJECT_ID;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Instant) {
            return DATE;
        } else if (value instanceof BsonTimestamp) {
            return TIMESTAMP;
        } else if (value instanceof MinKey) {
            return MIN_KEY;
        } else if (value instanceof MaxKey) {
            return MAX_KEY;
        }
        return OTHER;
    }

    /**
     * Appends the encoding of {@code value}.
     *
     * @return true if the encoding is exact: two values with equal encodings are equal for the server
     */
    static boolean encode(Object value, KeyBytes out) {
        int tag = typeTag(value);
        out.put(tag);
        switch (tag) {
            case NUMBER:
                return encodeNumber((Number) value, out);
            case STRING:
                encodeString((String) value, out);
                return true;
            case UUID_TAG:
                // the server orders java.util.UUIDs by their string form
                encodeString(value.toString(), out);
                return true;
            case BIN_DATA:
                byte[] data = ((BinData) value).getData();
                out.putInt(data.length).put(data); // the server orders by length first
                return true;
            case LEGACY_UUID:
                UUID uuid = ((LegacyUUID) value).getUuid();
                out.putLong(uuid.getMostSignificantBits() ^ Long.MIN_VALUE);
                out.putLong(uuid.getLeastSignificantBits() ^ Long.MIN_VALUE);
                return true;
            case OBJECT_ID:
                out.put(((ObjectId) value).toByteArray());
                return true;
            case BOOLEAN:
                out.put(((Boolean) value) ? 1 : 0);
                return true;
            case DATE:
                Instant instant = (Instant) value;
                out.putLong(instant.getEpochSecond() ^ Long.MIN_VALUE).putInt(instant.getNano());
                return true;
            case TIMESTAMP:
                out.putLong(((BsonTimestamp) value).getValue()); // compared as unsigned
                return true;
            case NULL:
            case MIN_KEY:
            case MAX_KEY:
                return true;
            default:
                // documents, arrays, regular expressions, others: all of a type compare equal here
                return false;
        }
    }

    private static boolean encodeNumber(Number number, KeyBytes out) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            putDouble(number.intValue(), out);
            out.put(EQUALS_DOUBLE);
            return true;
        } else if (number instanceof Long) {
            long value = number.longValue();
            if (-EXACT_DOUBLE_LONG_LIMIT <= value && value <= EXACT_DOUBLE_LONG_LIMIT) {
                putDouble(value, out);
                out.put(EQUALS_DOUBLE);
                return true;
            }
            return encodeDecimal(BigDecimal.valueOf(value), out);
        } else if (number instanceof Double || number instanceof Float) {
            putDouble(number.doubleValue(), out);
            out.put(EQUALS_DOUBLE);
            return true;
        } else if (number instanceof Decimal128 decimal) {
            BigDecimal exact = toBigDecimalOrNull(decimal);
            if (exact == null) { // NaN or an infinity
                putDouble(decimal.doubleValue(), out);
                out.put(EQUALS_DOUBLE);
                return true;
            }
            return encodeDecimal(exact, out);
        }
        return encodeDecimal(new BigDecimal(number.toString()), out);
    }

    /**
     * A value that a double cannot hold exactly: its nearest double, then whether the value is below
     * or above it and by how much (again as a double). Rounding to the nearest double never reverses
     * an order, and the remainder orders values that share that double.
     */
    private static boolean encodeDecimal(BigDecimal value, KeyBytes out) {
        double nearest = value.doubleValue();
        putDouble(nearest, out);
        if (Double.isInfinite(nearest)) {
            // beyond the range of double: just inside the infinity, all such values compare equal here
            out.put(nearest > 0 ? BELOW_DOUBLE : ABOVE_DOUBLE);
            putDouble(0.0, out);
            return false;
        }
        BigDecimal remainder = value.subtract(new BigDecimal(nearest));
        if (remainder.signum() == 0) {
            out.put(EQUALS_DOUBLE);
            return true;
        }
        double approximateRemainder = remainder.doubleValue();
        out.put(remainder.signum() < 0 ? BELOW_DOUBLE : ABOVE_DOUBLE);
        putDouble(approximateRemainder, out);
        return Double.isFinite(approximateRemainder) && new BigDecimal(approximateRemainder).compareTo(remainder) == 0;
    }

    private static BigDecimal toBigDecimalOrNull(Decimal128 decimal) {
        double approximation = decimal.doubleValue();
        if (Double.isNaN(approximation)) {
            return null;
        }
        try {
            return decimal.toBigDecimal();
        } catch (IllegalArgumentException infinity) {
            return null;
        }
    }

    /** IEEE-754 bits rearranged so that unsigned byte order is numeric order (NaN above +infinity, as the server sorts it). */
    private static void putDouble(double value, KeyBytes out) {
        double canonical = value == 0.0 ? 0.0 : value; // -0.0 equals 0.0
        long bits = Double.doubleToLongBits(canonical); // also canonicalises NaN
        out.putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
    }

    /**
     * UTF-16 code units, each as a token whose first byte gives its length, ordered like
     * {@link String#compareTo}: 0x01-0x7F as one byte, up to 0x3FFF as two, the rest as three;
     * U+0000 is {@code 00 FF} and the end of the string {@code 00 00}, so a string sorts before its
     * extensions and the encoding is self-delimiting.
     */
    private static void encodeString(String value, KeyBytes out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                out.put(0x00).put(0xFF);
            } else if (c < 0x80) {
                out.put(c);
            } else if (c < 0x4000) {
                out.put(0x80 | (c >>> 8)).put(c & 0xFF);
            } else {
                out.put(0xC0).put(c >>> 8).put(c & 0xFF);
            }
        }
        out.put(0x00).put(0x00);
    }
}
