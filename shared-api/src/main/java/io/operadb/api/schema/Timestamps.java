package io.operadb.api.schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The canonical timestamp form of OperaDB: UTC, millisecond precision, fixed width
 * ({@code 2026-01-02T03:04:05.123Z}), so that the strings sort chronologically. Years 0000 to 9999 only.
 */
public final class Timestamps {

    public static final DateTimeFormatter CANONICAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    private Timestamps() {
    }

    /** The canonical form of an instant (truncated to milliseconds). */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        return CANONICAL.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses an ISO-8601 date-time with an offset ({@code 2026-01-02T03:04:05Z}, {@code ...+02:00}, fractions optional).
     *
     * @return the instant truncated to milliseconds, or null when the text is not such a timestamp or out of range
     */
    public static Instant parse(String text) {
        if (text == null || text.length() > 64) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The canonical form of an ISO-8601 timestamp string, or null when it is not one. */
    public static String canonical(String text) {
        Instant instant = parse(text);
        return instant == null ? null : format(instant);
    }
}
