package io.operadb.query.deadletter;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.query.projection.EntityProjection;
import io.operadb.query.projection.Projections;
import io.operadb.query.readmodel.Generations;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.Routes;
import io.operadb.query.readmodel.ReplayScope;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The projections' dead letters: events a projection could not apply, each with its reason, and the events of the
 * same entity waiting behind it (Axon's sequenced dead-letter queue in MongoDB, sequenced by aggregate, so by
 * entity). Operators list them, retry a sequence, or skip one letter.
 */
@Service
public class DeadLetters {

    /** The groups that have a queue: the live projections, and the rebuild of a replay. */
    public static final List<String> GROUPS = List.of(Projections.GROUP, Projections.REBUILD_GROUP);

    private final EventProcessingConfiguration processing;
    private final MongoTemplate axonMongo;
    private final ReadModelGenerations generations;
    private final EntityProjection entities;

    public DeadLetters(EventProcessingConfiguration processing, MongoTemplate axonMongo,
                       ReadModelGenerations generations, EntityProjection entities) {
        this.processing = processing;
        this.axonMongo = axonMongo;
        this.generations = generations;
        this.entities = entities;
    }

    /** One letter, located: its group, its sequence, and the letter itself. */
    private record Located(String group, String sequence, DeadLetter<? extends EventMessage<?>> letter) {
    }

    public List<Map<String, Object>> list() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String group : GROUPS) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
                boolean head = true;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    all.add(describe(group, letter, head));
                    head = false;
                }
            }
        }
        return all;
    }

    /** Forgets every letter of the group (a new rebuild starts over). */
    public void clear(String group) {
        queue(group).clear();
    }

    public long count(String group) {
        return queue(group).size();
    }

    /**
     * Retries the sequence the letter belongs to, from its first letter: each letter that now applies is removed,
     * and the first that fails again stays (with its new reason) with the rest behind it.
     *
     * @return the letters of that sequence left afterwards
     */
    public Map<String, Object> retry(String id) {
        Located located = locate(id);
        boolean cleared = processor(located.group()).process(letter -> located.sequence().equals(sequenceOf(letter)));
        return outcome(located, cleared);
    }

    /**
     * Drops the letter for good (its event is never applied; an entity passes over its version, see
     * {@link EntityProjection#skip}), then retries the letters that waited behind it.
     */
    public Map<String, Object> skip(String id) {
        Located located = locate(id);
        queue(located.group()).evict(located.letter());
        if (located.letter().message().getPayload() instanceof EntityEvent event) {
            Generations now = generations.current();
            Routes routes = Projections.REBUILD_GROUP.equals(located.group())
                    ? now.rebuildRoutes(event.account(), event.schema()) : now.routes(event.account(), event.schema());
            if (routes != null) {
                entities.skip(event, routes);
            }
        }
        boolean cleared = !queue(located.group()).contains(located.sequence())
                || processor(located.group()).process(letter -> located.sequence().equals(sequenceOf(letter)));
        return outcome(located, cleared);
    }

    /**
     * After a replay's switch: the live group's letters in the replay's scope concern events the rebuild re-applied
     * (or dead-lettered itself), so they go; the rebuild's letters become the live group's, so that the live
     * processor keeps later events of those entities waiting behind them. Runs while both processors are stopped.
     */
    public void handOver(ReplayScope scope) {
        MongoCollection<Document> letters = axonMongo.deadLetterCollection();
        Bson live = Filters.eq("processingGroup", Projections.GROUP);
        letters.deleteMany(scope.isAll() ? live : Filters.and(live, Filters.or(inScope(scope))));
        letters.updateMany(Filters.eq("processingGroup", Projections.REBUILD_GROUP),
                Updates.set("processingGroup", Projections.GROUP));
    }

    private static List<Bson> inScope(ReplayScope scope) {
        if (scope.isSchema()) {
            return List.of(Filters.regex("sequenceIdentifier", "^" + Pattern.quote(
                    AggregateIds.entity(scope.account(), scope.schema(), ""))));
        }
        // entity:<account>/<schema>/<id> for every schema of the account
        String entities = AggregateIds.entity(scope.account(), "x", "x");
        return List.of(Filters.regex("sequenceIdentifier", "^" + Pattern.quote(
                        entities.substring(0, entities.length() - "x/x".length()))),
                Filters.regex("sequenceIdentifier", "^" + Pattern.quote(AggregateIds.schema(scope.account(), ""))),
                Filters.eq("sequenceIdentifier", AggregateIds.account(scope.account())));
    }

    private Map<String, Object> outcome(Located located, boolean cleared) {
        List<Map<String, Object>> left = new ArrayList<>();
        boolean head = true;
        for (DeadLetter<? extends EventMessage<?>> letter : queue(located.group()).deadLetterSequence(located.sequence())) {
            left.add(describe(located.group(), letter, head));
            head = false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processor", located.group());
        body.put("sequence", located.sequence());
        body.put("cleared", cleared && left.isEmpty());
        body.put("remaining", left);
        return body;
    }

    private Located locate(String id) {
        for (String group : GROUPS) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (id.equals(letter.message().getIdentifier()) || id.equals(eventIdOf(letter.message()))) {
                        return new Located(group, sequenceOf(letter), letter);
                    }
                }
            }
        }
        throw new OperaDbException(ProblemKind.NOT_FOUND, "no dead letter with id " + id);
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        return message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : message.getIdentifier();
    }

    private static String eventIdOf(EventMessage<?> message) {
        return message.getPayload() instanceof EntityEvent event ? event.eventId() : null;
    }

    private static Map<String, Object> describe(String group, DeadLetter<? extends EventMessage<?>> letter,
                                                boolean head) {
        EventMessage<?> message = letter.message();
        Object payload = message.getPayload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", message.getIdentifier());
        body.put("processor", group);
        body.put("sequence", sequenceOf(letter));
        body.put("waiting", !head);
        body.put("reason", letter.cause().map(c -> c.message()).orElse(head ? null
                : "waits behind an earlier dead letter of the same entity"));
        body.put("reasonType", letter.cause().map(c -> c.type()).orElse(null));
        body.put("enqueuedAt", letter.enqueuedAt());
        body.put("lastTouched", letter.lastTouched());
        body.put("payloadType", message.getPayloadType().getSimpleName());
        if (payload instanceof EntityEvent event) {
            body.put("eventId", event.eventId());
            body.put("type", event.type());
            body.put("account", event.account());
            body.put("schema", event.schema());
            body.put("entity", event.entityId());
            body.put("version", event.version());
            body.put("schemaVersion", event.schemaVersion());
        } else if (payload instanceof SchemaPublishedEvent event) {
            body.put("type", "schema.published");
            body.put("account", event.account());
            body.put("schema", event.schemaId());
        } else if (payload instanceof AccountCreatedEvent event) {
            body.put("type", "account.created");
            body.put("account", event.account());
        } else if (payload instanceof ActorRegisteredEvent event) {
            body.put("type", "actor.registered");
            body.put("account", event.account());
        }
        return body;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> new IllegalStateException(
                "no dead-letter queue for " + group));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String group) {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor =
                processing.sequencedDeadLetterProcessor(group);
        return processor.orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + group));
    }
}
