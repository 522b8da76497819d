package io.operadb.query.readmodel;

import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The indexes the query API's reads need; created at start and again after a replay dropped the collections. */
@Component
public class ReadModelIndexes {

    private final MongoTemplate mongo;

    public ReadModelIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ensure() {
        mongo.indexOps(ReadModels.ENTITIES).ensureIndex(
                new CompoundIndexDefinition(new Document("account", 1).append("schema", 1).append("id", 1))
                        .named("by_schema"));
        mongo.indexOps(ReadModels.EVENTS).ensureIndex(
                new CompoundIndexDefinition(new Document("account", 1).append("schema", 1).append("id", 1)
                        .append("version", 1)).named("by_entity").unique());
        mongo.indexOps(ReadModels.EVENTS).ensureIndex(
                new CompoundIndexDefinition(new Document("account", 1).append("timestamp", -1).append("_id", -1))
                        .named("feed"));
        mongo.indexOps(ReadModels.SCHEMAS).ensureIndex(
                new Index().on("account", Sort.Direction.ASC).on("schemaId", Sort.Direction.ASC)
                        .on("version", Sort.Direction.ASC).named("by_schema"));
        mongo.indexOps(ReadModels.ACTORS).ensureIndex(
                new Index().on("account", Sort.Direction.ASC).named("by_account"));
    }
}
