package io.operadb.query.projection;

import io.operadb.query.readmodel.ReadModelIndexes;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.schema.SchemaVersions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Before a replay, every read model of the group starts from nothing, with its indexes in place. */
@Component
public class ReadModelReset {

    private final MongoTemplate mongo;
    private final ReadModelIndexes indexes;
    private final SchemaVersions schemas;

    public ReadModelReset(MongoTemplate mongo, ReadModelIndexes indexes, SchemaVersions schemas) {
        this.mongo = mongo;
        this.indexes = indexes;
        this.schemas = schemas;
    }

    public void resetAll() {
        for (String collection : ReadModels.ALL) {
            mongo.dropCollection(collection);
        }
        schemas.clear();
        indexes.ensure();
    }
}
