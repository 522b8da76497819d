package io.operadb.query.replay;

import com.mongodb.client.model.Filters;
import io.operadb.query.readmodel.Generations;
import io.operadb.query.readmodel.Generations.Retired;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.ReadModels;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Drops what a switch retired: whole generations nothing routes to any more, or the documents of a scope in a
 * generation that still serves other accounts. Runs a grace period after the switch (longer than the generations'
 * refresh, so no instance still reads them), and again at start for anything a crash left behind.
 */
@Component
class RetiredGenerations {

    private static final Logger log = LoggerFactory.getLogger(RetiredGenerations.class);

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;

    RetiredGenerations(MongoTemplate mongo, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    void dropAll() {
        for (Retired retired : generations.fresh().retired()) {
            drop(retired);
            generations.update(g -> g.withoutRetired(retired));
        }
    }

    private void drop(Retired retired) {
        Generations now = generations.fresh();
        boolean stillServing = now.inUse().contains(retired.generation())
                || now.building() != null && now.building().generation() == retired.generation();
        for (String model : ReadModels.ALL) {
            String collection = ReadModels.collection(model, retired.generation());
            if (!mongo.collectionExists(collection)) {
                continue;
            }
            if (!stillServing) {
                mongo.dropCollection(collection);
            } else if (!retired.scope().isAll()) {
                Bson filter = filter(model, retired.scope().account(), retired.scope().schema());
                if (filter != null) {
                    mongo.getCollection(collection).deleteMany(filter);
                }
            }
        }
        log.info("retired generation {} ({}): {}", retired.generation(), retired.scope(),
                stillServing ? "documents of the scope deleted" : "collections dropped");
    }

    /** The documents of an account (and schema) in one model; null where a schema scope leaves the model alone. */
    private static Bson filter(String model, String account, String schema) {
        if (schema != null) {
            return ReadModels.ENTITIES.equals(model)
                    ? Filters.and(Filters.eq("account", account), Filters.eq("schema", schema)) : null;
        }
        return ReadModels.ACCOUNTS.equals(model) ? Filters.eq("_id", account) : Filters.eq("account", account);
    }
}
