package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.Decimal128;

/** Documents for property tests: few distinct values of mixed types, so that queries hit and tie. */
final class RandomDocuments {

    private static final String[] STRINGS = {"", "a", "b", "ab", "é", "\uD83D\uDE00", "\uFFFD", "z"};

    private RandomDocuments() {
    }

    static Document document(Random random, int id) {
        Document document = new Document("_id", id);
        putMaybe(document, "a", random);
        putMaybe(document, "b", random);
        if (random.nextInt(4) > 0) {
            document.put("c", random.nextInt(3) == 0 ? array(random) : scalar(random));
        }
        if (random.nextBoolean()) {
            document.put("s", random.nextInt(6));
        }
        if (random.nextInt(3) > 0) {
            document.put("d", new Document("e", scalar(random)));
        }
        return document;
    }

    private static void putMaybe(Document document, String field, Random random) {
        if (random.nextInt(8) > 0) {
            document.put(field, scalar(random));
        }
    }

    /** A scalar of one of the types queries compare: numbers of every type, strings, null. */
    static Object scalar(Random random) {
        int small = random.nextInt(6);
        return switch (random.nextInt(10)) {
            case 0 -> (long) small;
            case 1 -> small + 0.5;
            case 2 -> (double) small;
            case 3 -> new Decimal128(small);
            case 4, 5 -> STRINGS[random.nextInt(STRINGS.length)];
            case 6 -> null;
            default -> small;
        };
    }

    private static List<Object> array(Random random) {
        List<Object> values = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            values.add(random.nextInt(5));
        }
        return values;
    }
}
