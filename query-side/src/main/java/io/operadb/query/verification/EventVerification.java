package io.operadb.query.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.account.AccountActors;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.query.projection.FreshReads;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Answers whether a stored event's signature holds. The event and its metadata are read from the event store itself,
 * not from a read model, so that what is checked is what is kept; the read model only says where the event lives.
 */
@Component
public class EventVerification {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final EventStore eventStore;
    private final MongoTemplate mongo;
    private final FreshReads fresh;

    private final io.operadb.query.access.ReadAccess access;
    private final io.operadb.query.readmodel.ReadModelGenerations generations;

    public EventVerification(EventStore eventStore, MongoTemplate mongo, FreshReads fresh,
                             io.operadb.query.access.ReadAccess access,
                             io.operadb.query.readmodel.ReadModelGenerations generations) {
        this.access = access;
        this.generations = generations;
        this.eventStore = eventStore;
        this.mongo = mongo;
        this.fresh = fresh;
    }

    /** The verdict on one event, for a reader who may see its entity (else 404, as for no such event). */
    public Map<String, Object> verify(String account, String eventId, String reader) {
        String events = generations.routes(account, null).events();
        Document located = fresh.find(() -> Optional.ofNullable(mongo.findOne(
                        query(where("eventId").is(eventId).and("account").is(account)), Document.class, events))
                        // feeds written before events had their own eventId field kept it as the _id
                        .or(() -> Optional.ofNullable(mongo.findOne(
                                query(where("_id").is(eventId).and("account").is(account)), Document.class, events))))
                .orElseThrow(() -> new OperaDbException(ProblemKind.UNKNOWN_EVENT,
                        "no event " + eventId + " in account " + account));
        String schema = located.getString("schema");
        String id = located.getString("id");
        long sequence = located.get("version", Number.class).longValue() - 1;
        try {
            access.requireVisible(account, schema, id, reader);
        } catch (OperaDbException hidden) {
            throw new OperaDbException(ProblemKind.UNKNOWN_EVENT, "no event " + eventId + " in account " + account);
        }
        DomainEventMessage<?> stored = eventStore.readEvents(AggregateIds.entity(account, schema, id), sequence)
                .asStream().filter(m -> m.getSequenceNumber() == sequence).findFirst()
                .orElseThrow(() -> new OperaDbException(ProblemKind.UNKNOWN_EVENT,
                        "event " + eventId + " is not in the store"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", eventId);
        if (!(stored.getPayload() instanceof EntityEvent event) || !eventId.equals(event.eventId())) {
            answer.put("verified", false);
            answer.put("actor", located.getString("actor"));
            answer.put("key", null);
            answer.put("reason", "the stored event at that place is not event " + eventId);
            return answer;
        }
        AccountActors actorsThen = new AccountActors();
        eventStore.readEvents(AggregateIds.account(account)).asStream()
                .filter(m -> !m.getTimestamp().isAfter(event.timestamp()))
                .forEach(m -> actorsThen.apply(m.getPayload()));
        JsonNode data = JSON.valueToTree(event.data() == null ? Map.of() : event.data());
        SignedEventCheck.Result result = SignedEventCheck.check(event, stored.getMetaData(), actorsThen, data);
        answer.put("verified", result.verified());
        answer.put("actor", result.actor());
        answer.put("key", result.key());
        if (result.signedAt() != null) {
            answer.put("signedAt", result.signedAt().toString());
        }
        if (result.reason() != null) {
            answer.put("reason", result.reason());
        }
        return answer;
    }
}
