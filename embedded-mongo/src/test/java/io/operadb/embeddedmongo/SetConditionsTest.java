package io.operadb.embeddedmongo;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Set conditions answer exactly as the server's own matcher does, for every kind of value a field may hold. */
class SetConditionsTest {

    private final DefaultQueryMatcher matcher = new DefaultQueryMatcher();

    @Test
    void long_string_lists_are_taken_out_and_short_or_mixed_ones_stay() {
        List<String> many = ids(20, 0);
        Document query = new Document("$and", List.of(new Document("ts", new Document("$gte", 5)),
                new Document("id", new Document("$nin", many))));
        SetConditions sets = SetConditions.of(query);
        assertThat(sets.isEmpty()).isFalse();
        assertThat(sets.residual()).isEqualTo(new Document("$and", List.of(new Document("ts", new Document("$gte", 5)))));

        assertThat(SetConditions.of(new Document("id", new Document("$in", ids(3, 0)))).isEmpty()).isTrue();
        List<Object> mixed = new ArrayList<>(many);
        mixed.add(7);
        assertThat(SetConditions.of(new Document("id", new Document("$nin", mixed))).isEmpty()).isTrue();
        assertThat(SetConditions.of(new Document("a.b", new Document("$in", many))).isEmpty()).isTrue();
        assertThat(SetConditions.of(new Document("id", new Document("$in", many).append("$ne", "x"))).isEmpty())
                .isTrue();
    }

    @Test
    void answers_equal_the_general_matchers_on_random_documents_and_queries() {
        Random random = new Random(20261125L);
        for (int round = 0; round < 300; round++) {
            List<String> values = ids(MIN() + random.nextInt(30), random.nextInt(40));
            String operator = random.nextBoolean() ? "$in" : "$nin";
            Document condition = new Document("id", new Document(operator, values));
            Document query = random.nextBoolean() ? condition.append("n", new Document("$gte", random.nextInt(5)))
                    : new Document("$and", List.of(new Document("n", new Document("$lt", random.nextInt(8))), condition));
            SetConditions sets = SetConditions.of(query);
            assertThat(sets.isEmpty()).isFalse();
            for (int d = 0; d < 40; d++) {
                Document document = randomDocument(random);
                boolean expected = matcher.matches(document, query);
                boolean actual = sets.accepts(document, matcher::matches) && matcher.matches(document, sets.residual());
                assertThat(actual).as(document + " against " + query).isEqualTo(expected);
            }
        }
    }

    private static int MIN() {
        return SetConditions.MIN_VALUES;
    }

    private static Document randomDocument(Random random) {
        Document document = new Document("n", random.nextInt(8));
        switch (random.nextInt(6)) {
            case 0 -> { } // missing
            case 1 -> document.put("id", null);
            case 2 -> document.put("id", 5);
            case 3 -> document.put("id", List.of("id-" + random.nextInt(60), "id-" + random.nextInt(60)));
            default -> document.put("id", "id-" + random.nextInt(60));
        }
        return document;
    }

    private static List<String> ids(int count, int from) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("id-" + (from + i));
        }
        return ids;
    }
}
