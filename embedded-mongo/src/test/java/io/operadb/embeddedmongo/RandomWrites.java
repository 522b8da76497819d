package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/** The same random update, replace, delete or insert applied to two collections, with equal outcomes. */
final class RandomWrites {

    private RandomWrites() {
    }

    static void applyToBoth(Random random, MongoCollection<Document> indexed, MongoCollection<Document> plain, int maxId) {
        String field = random.nextBoolean() ? "a" : "b";
        Object value = RandomDocuments.scalar(random);
        switch (random.nextInt(6)) {
            case 0 -> {
                Bson filter = Filters.eq(field, value);
                Bson update = Updates.set(random.nextBoolean() ? "a" : "s", RandomDocuments.scalar(random));
                assertThat(indexed.updateMany(filter, update).getModifiedCount())
                    .isEqualTo(plain.updateMany(filter, update).getModifiedCount());
            }
            case 1 -> {
                Bson filter = Filters.eq("_id", random.nextInt(maxId));
                Bson update = Updates.unset(field);
                assertThat(indexed.updateOne(filter, update).getModifiedCount())
                    .isEqualTo(plain.updateOne(filter, update).getModifiedCount());
            }
            case 2 -> {
                int id = random.nextInt(maxId);
                Document replacement = RandomDocuments.document(random, id);
                assertThat(indexed.replaceOne(Filters.eq("_id", id), replacement).getMatchedCount())
                    .isEqualTo(plain.replaceOne(Filters.eq("_id", id), replacement).getMatchedCount());
            }
            case 3 -> {
                Bson filter = Filters.eq(field, value);
                assertThat(indexed.deleteMany(filter).getDeletedCount()).isEqualTo(plain.deleteMany(filter).getDeletedCount());
            }
            case 4 -> {
                Bson filter = Filters.gte("c", random.nextInt(5));
                Bson update = Updates.set("c", random.nextBoolean() ? java.util.List.of(1, 4) : random.nextInt(5));
                assertThat(indexed.updateMany(filter, update).getModifiedCount())
                    .isEqualTo(plain.updateMany(filter, update).getModifiedCount());
            }
            default -> {
                Document document = RandomDocuments.document(random, maxId + random.nextInt(1_000_000));
                if (indexed.countDocuments(Filters.eq("_id", document.get("_id"))) == 0) {
                    indexed.insertOne(document);
                    plain.insertOne(document);
                }
            }
        }
    }
}
