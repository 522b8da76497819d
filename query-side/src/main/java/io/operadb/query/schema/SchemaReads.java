package io.operadb.query.schema;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.query.projection.FreshReads;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.ReadModels;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts and their schemas as the query side knows them. */
@Component
public class SchemaReads {

    private final MongoTemplate mongo;
    private final FreshReads fresh;
    private final SchemaVersions versions;
    private final ReadModelGenerations generations;

    public SchemaReads(MongoTemplate mongo, FreshReads fresh, SchemaVersions versions,
                       ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
        this.fresh = fresh;
        this.versions = versions;
    }

    public void requireAccount(String account) {
        fresh.find(() -> Optional.ofNullable(mongo.findById(account, Document.class, generations.routes(account, null).accounts())))
                .orElseThrow(() -> new OperaDbException(ProblemKind.UNKNOWN_ACCOUNT, "no account named " + account));
    }

    public CompiledSchema requireLatest(String account, String schemaId) {
        Document latest = latestDocument(account, schemaId);
        return versions.version(account, schemaId, latest.get("version", Number.class).intValue());
    }

    public Document latestDocument(String account, String schemaId) {
        requireAccount(account);
        Query query = new Query(Criteria.where("account").is(account).and("schemaId").is(schemaId))
                .with(Sort.by(Sort.Direction.DESC, "version")).limit(1);
        return fresh.find(() -> Optional.ofNullable(mongo.findOne(query, Document.class, generations.routes(account, schemaId).schemas())))
                .orElseThrow(() -> new OperaDbException(ProblemKind.UNKNOWN_SCHEMA,
                        "no schema " + schemaId + " in account " + account));
    }

    public Document versionDocument(String account, String schemaId, int version) {
        latestDocument(account, schemaId);
        return fresh.find(() -> Optional.ofNullable(mongo.findById(
                        ReadModels.schemaKey(account, schemaId, version), Document.class,
                        generations.routes(account, schemaId).schemas())))
                .orElseThrow(() -> new OperaDbException(ProblemKind.UNKNOWN_SCHEMA,
                        "schema " + schemaId + " has no version " + version));
    }

    /** Every schema of the account with its latest version. */
    public List<Document> latestOfEach(String account) {
        requireAccount(account);
        Query query = new Query(Criteria.where("account").is(account))
                .with(Sort.by(Sort.Direction.ASC, "schemaId").and(Sort.by(Sort.Direction.ASC, "version")));
        Map<String, Document> latest = new LinkedHashMap<>();
        mongo.find(query, Document.class, generations.routes(account, null).schemas()).forEach(d -> latest.put(d.getString("schemaId"), d));
        return List.copyOf(latest.values());
    }
}
