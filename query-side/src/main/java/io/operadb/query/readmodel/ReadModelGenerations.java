package io.operadb.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.operadb.query.readmodel.Generations.Rebuild;
import io.operadb.query.readmodel.Generations.Retired;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The active generations, persisted in one small document ({@code read_model_generations}, id {@code projections})
 * so that every query-side instance and a restart route alike. Changing it is one compare-and-set on its revision:
 * the switch of a replay is that single write. Each instance re-reads it at most every {@link #REFRESH_MILLIS}.
 */
@Component
public class ReadModelGenerations {

    public static final String COLLECTION = "read_model_generations";
    public static final long REFRESH_MILLIS = 500;
    private static final String ID = "projections";

    private final MongoTemplate mongo;
    private volatile Loaded loaded;

    public ReadModelGenerations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private record Loaded(Generations generations, long revision, long at) {
    }

    /** The generations as last read (at most {@link #REFRESH_MILLIS} old). */
    public Generations current() {
        Loaded now = loaded;
        if (now == null || System.currentTimeMillis() - now.at() > REFRESH_MILLIS) {
            now = load();
        }
        return now.generations();
    }

    /** The generations as stored right now. */
    public Generations fresh() {
        return load().generations();
    }

    /** Routes for reads of this account and schema (schema may be null for account-wide reads). */
    public Routes routes(String account, String schema) {
        return current().routes(account, schema);
    }

    /** Applies {@code change} to the stored document atomically (retrying on a concurrent change) and returns it. */
    public synchronized Generations update(UnaryOperator<Generations> change) {
        while (true) {
            Loaded before = load();
            Generations after = change.apply(before.generations());
            Document document = toDocument(after).append("revision", before.revision() + 1);
            MongoCollection<Document> collection = mongo.getCollection(COLLECTION);
            boolean written;
            if (before.revision() == 0) {
                try {
                    collection.insertOne(document);
                    written = true;
                } catch (com.mongodb.MongoWriteException duplicate) {
                    written = false;  // another instance wrote the first version meanwhile
                }
            } else {
                written = collection.replaceOne(Filters.and(Filters.eq("_id", ID),
                        Filters.eq("revision", before.revision())), document, new ReplaceOptions()).getModifiedCount() == 1;
            }
            if (written) {
                loaded = new Loaded(after, before.revision() + 1, System.currentTimeMillis());
                return after;
            }
        }
    }

    private Loaded load() {
        Document stored = mongo.getCollection(COLLECTION).find(Filters.eq("_id", ID)).first();
        Loaded now = stored == null ? new Loaded(Generations.INITIAL, 0, System.currentTimeMillis())
                : new Loaded(fromDocument(stored), stored.get("revision", Number.class).longValue(),
                System.currentTimeMillis());
        loaded = now;
        return now;
    }

    private static Document toDocument(Generations g) {
        List<Document> overrides = new ArrayList<>();
        g.overrides().forEach((scope, generation) -> overrides.add(new Document("scope", scope)
                .append("generation", generation)));
        List<Document> retired = new ArrayList<>();
        g.retired().forEach(r -> retired.add(new Document("generation", r.generation())
                .append("scope", r.scope().key())));
        Document building = g.building() == null ? null : new Document("generation", g.building().generation())
                .append("scope", g.building().scope().key())
                .append("startedAt", Date.from(g.building().startedAt()))
                .append("eventsTotal", g.building().eventsTotal());
        return new Document("_id", ID).append("base", g.base()).append("overrides", overrides)
                .append("last", g.last()).append("building", building).append("retired", retired);
    }

    private static Generations fromDocument(Document d) {
        Map<String, Integer> overrides = new LinkedHashMap<>();
        for (Document o : d.getList("overrides", Document.class, List.of())) {
            overrides.put(o.getString("scope"), o.get("generation", Number.class).intValue());
        }
        List<Retired> retired = new ArrayList<>();
        for (Document r : d.getList("retired", Document.class, List.of())) {
            retired.add(new Retired(r.get("generation", Number.class).intValue(),
                    ReplayScope.ofKey(r.getString("scope"))));
        }
        Document b = d.get("building", Document.class);
        Rebuild building = b == null ? null : new Rebuild(b.get("generation", Number.class).intValue(),
                ReplayScope.ofKey(b.getString("scope")), b.getDate("startedAt").toInstant(),
                b.get("eventsTotal", Number.class).longValue());
        return new Generations(d.get("base", Number.class).intValue(), overrides,
                d.get("last", Number.class).intValue(), building, retired);
    }
}
