package io.operadb.query.readmodel;

import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The indexes the query API's reads need; created at start for the serving generations, and for each new one. */
@Component
public class ReadModelIndexes {

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;

    public ReadModelIndexes(MongoTemplate mongo, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ensure() {
        for (int generation : generations.current().inUse()) {
            ensure(generation);
        }
    }

    /** Indexes of every model of one generation. */
    public void ensure(int generation) {
        for (String model : ReadModels.ALL) {
            ensure(model, ReadModels.collection(model, generation));
        }
    }

    public void ensure(String model, String collection) {
        switch (model) {
            case ReadModels.ENTITIES -> mongo.indexOps(collection).ensureIndex(
                    new CompoundIndexDefinition(new Document("account", 1).append("schema", 1).append("id", 1))
                            .named("by_schema"));
            case ReadModels.EVENTS -> {
                mongo.indexOps(collection).ensureIndex(
                        new CompoundIndexDefinition(new Document("account", 1).append("schema", 1).append("id", 1)
                                .append("version", 1)).named("by_entity").unique());
                mongo.indexOps(collection).ensureIndex(
                        new CompoundIndexDefinition(new Document("account", 1).append("timestamp", -1)
                                .append("_id", -1)).named("feed"));
                mongo.indexOps(collection).ensureIndex(
                        new CompoundIndexDefinition(new Document("account", 1).append("eventId", 1)).named("by_event"));
            }
            case ReadModels.SCHEMAS -> mongo.indexOps(collection).ensureIndex(
                    new Index().on("account", Sort.Direction.ASC).on("schemaId", Sort.Direction.ASC)
                            .on("version", Sort.Direction.ASC).named("by_schema"));
            case ReadModels.ACTORS -> mongo.indexOps(collection).ensureIndex(
                    new Index().on("account", Sort.Direction.ASC).named("by_account"));
            default -> {
            }
        }
    }

    /** The model a collection holds ({@code entities__g3} holds {@code entities}). */
    public static String modelOf(String collection) {
        int at = collection.indexOf("__g");
        return at < 0 ? collection : collection.substring(0, at);
    }
}
