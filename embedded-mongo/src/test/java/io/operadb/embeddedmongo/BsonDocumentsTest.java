package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

class BsonDocumentsTest {

    /** Small pages, so that a few thousand documents span many leaves and levels. */
    private static BsonDocuments documents(MVStore store) {
        return new BsonDocuments(store.openMap("databases.app.items", BsonDocuments.mapBuilder()));
    }

    @Test
    void a_walk_reader_finds_what_get_finds_in_any_order_and_sees_every_change() {
        try (MVStore store = new MVStore.Builder().keysPerPage(8).open()) {
            BsonDocuments documents = documents(store);
            for (long id = 0; id < 3_000; id += 2) { // odd positions stay absent
                documents.put(id, new Document("_id", id).append("v", 0));
            }
            Function<Object, Document> reader = documents.walkReader();
            Random random = new Random(3);
            long walking = 0;
            for (int read = 0; read < 20_000; read++) {
                long position = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(3_100) - 50; // anywhere, also outside the map's range
                    case 1 -> walking - random.nextInt(3); // backwards a little
                    default -> walking++; // the usual walk: forwards, mostly within a leaf
                };
                assertThat(reader.apply(position)).as("position %d", position).isEqualTo(documents.get(position));
                if (random.nextInt(20) == 0) { // the map changes next to the last read: the reader must not answer from before
                    long changed = position + random.nextInt(3) - 1;
                    if (random.nextBoolean()) {
                        documents.put(changed, new Document("_id", changed).append("v", read));
                    } else {
                        documents.remove(changed);
                    }
                    assertThat(reader.apply(changed)).as("changed position %d", changed).isEqualTo(documents.get(changed));
                }
            }
        }
    }
}
