package io.operadb.query.projection;

import io.operadb.api.entity.EntityEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed document's {@code _id}: it grows with time, and one entity's events of one millisecond keep their order. */
class EventDocumentsTest {

    private static EntityEvent event(String eventId, long version, Instant at) {
        return new EntityEvent(eventId, "acme", "ticket", 1, "t-1", "bump", "ticket.bump", version, "user:bob", at,
                Map.of(), null);
    }

    @Test
    void oneEntitysEventsOfTheSameMillisecondSortByVersionWhateverTheirRandomIds() {
        Instant at = Instant.parse("2026-12-06T10:00:00.123Z");
        // the later event's random id sorts first
        List<EntityEvent> events = List.of(
                event("f4b3cabb-3b17-4faf-a183-c6cba7004da5", 1, at),
                event("5efbc5b0-9dc0-4163-81f7-6e8266eca68f", 2, at.plusNanos(300_000)),
                event("47a22b5a-e426-4f5b-abb7-7add589ddbf6", 3, at.plusNanos(300_000)));

        List<Long> byId = events.stream().sorted(Comparator.comparing(EventDocuments::insertId))
                .map(EntityEvent::version).toList();

        assertThat(byId).containsExactly(1L, 2L, 3L);
    }

    @Test
    void idsGrowWithTimeAcrossEntitiesAndAreTheSameEveryTime() {
        EntityEvent earlier = event("ffffffff-0000-4000-8000-000000000000", 9, Instant.parse("2026-12-06T10:00:00.123Z"));
        EntityEvent later = event("00000000-0000-4000-8000-000000000000", 1, Instant.parse("2026-12-06T10:00:00.124Z"));

        assertThat(Stream.of(later, earlier).map(EventDocuments::insertId).sorted().toList())
                .containsExactly(EventDocuments.insertId(earlier), EventDocuments.insertId(later));
        assertThat(EventDocuments.insertId(earlier)).isEqualTo(EventDocuments.insertId(earlier))
                .isEqualTo(String.format("%016x-%016x-%s", earlier.timestamp().toEpochMilli(), 9L, earlier.eventId()));
    }
}
