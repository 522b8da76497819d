package io.operadb.api.entity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.operadb.api.Fixtures;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.REDUCER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: random sequences of coin actions (seeded, reproducible by seed) give, for every accepted command,
 * {@code decide().newState == reduce(state, event)}; replaying the log (twice, and after a JSON round trip of the
 * events or of a snapshot) gives the same final state; balances always sum to the supply.
 * Plain JUnit 5 with seeded randomness (no property-testing library).
 */
class ReplayPropertiesTest {

    private static final CompiledSchema COIN = Fixtures.COMPILER.compile(Fixtures.resource("coin.json"));
    private static final List<String> ACTORS = List.of("0x" + "a".repeat(40), "0x" + "B".repeat(40), "user:carol");

    record Op(String action, int actor, int other, BigDecimal amount) {
    }

    private static final java.util.concurrent.atomic.AtomicInteger ACCEPTED = new java.util.concurrent.atomic.AtomicInteger();

    @org.junit.jupiter.api.AfterAll
    static void theRunsReallyExercisedTheActions() {
        assertThat(ACCEPTED.get()).as("accepted non-creating commands over all seeds").isGreaterThan(500);
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    private static List<Op> randomOps(long seed) {
        Random random = new Random(seed);
        List<String> actions = List.of("transfer", "approve", "burn");
        int n = random.nextInt(26);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // amounts 0.00 .. 60.00, scale 2, with some edge cases
            int cents = switch (random.nextInt(8)) {
                case 0 -> 0;
                case 1 -> 6000;
                default -> random.nextInt(6001);
            };
            ops.add(new Op(actions.get(random.nextInt(3)), random.nextInt(3), random.nextInt(3),
                    BigDecimal.valueOf(cents, 2)));
        }
        return ops;
    }

    private static String params(Op op) {
        String amount = op.amount().toPlainString();
        return switch (op.action()) {
            case "transfer" -> "{`to`: `" + ACTORS.get(op.other()) + "`, `amount`: `" + amount + "`}";
            case "approve" -> "{`spender`: `" + ACTORS.get(op.other()) + "`, `amount`: " + amount + "}";
            default -> "{`amount`: `" + amount + "`}";
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replayingTheEventsGivesTheDecidedStates(long seed) throws Exception {
        List<Op> ops = randomOps(seed);
        List<EntityEvent> log = new ArrayList<>();
        Map<String, Object> state = Map.of();
        long version = 0;
        Instant t = Instant.parse("2026-03-01T10:00:00.000Z");
        List<Op> all = new ArrayList<>();
        all.add(new Op("mint", 0, 0, new BigDecimal("100.00")));
        all.addAll(ops);
        for (Op op : all) {
            ActorContext who = Fixtures.actor(ACTORS.get(op.actor()));
            String params = op.action().equals("mint") ? "{`name`: `Gold`, `supply`: `100.00`}" : params(op);
            EntityView current = new EntityView("acme", "coin", "c-1", version, state);
            Decision d;
            try {
                d = DECIDER.decide(COIN, op.action(), current, Fixtures.json(params), who, t);
            } catch (OperaDbException rejected) {
                continue;
            }
            EntityEvent ev = Fixtures.event(COIN, current, op.action(), who, t, d);
            Map<String, Object> before = WireValues.copy(state);
            assertThat(REDUCER.reduce(COIN, state, ev)).isEqualTo(d.newState());
            assertThat(state).isEqualTo(before);
            log.add(ev);
            if (!op.action().equals("mint")) {
                ACCEPTED.incrementAndGet();
            }
            state = d.newState();
            version++;
            t = t.plusMillis(1234);
        }
        assertThat(replay(log)).isEqualTo(state).isEqualTo(replay(log));
        assertThat(replay(throughJson(log))).isEqualTo(state);

        // a snapshot that went through JSON, then the rest of the events
        if (log.size() > 2) {
            int half = log.size() / 2;
            Map<String, Object> snapshot = replay(log.subList(0, half));
            String json = Fixtures.JSON.writeValueAsString(WireValues.toWire(snapshot));
            Map<String, Object> restored = Fixtures.JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
            Map<String, Object> s = restored;
            for (EntityEvent ev : log.subList(half, log.size())) {
                s = REDUCER.reduce(COIN, s, ev);
            }
            assertThat(s).isEqualTo(state);
            assertThat(WireValues.toCanonical(COIN, restored)).isEqualTo(snapshot);
        }
        // conservation: the balances always add up to the supply
        if (!state.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> balances = (Map<String, Object>) state.get("balances");
            BigDecimal sum = balances.values().stream().map(BigDecimal.class::cast)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo((BigDecimal) state.get("supply"));
        }
    }

    private static Map<String, Object> replay(List<EntityEvent> log) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (EntityEvent ev : log) {
            s = REDUCER.reduce(COIN, s, ev);
        }
        return s;
    }

    private static List<EntityEvent> throughJson(List<EntityEvent> log) throws Exception {
        List<EntityEvent> out = new ArrayList<>();
        for (EntityEvent ev : log) {
            String json = Fixtures.JSON.writeValueAsString(ev.data());
            Map<String, Object> data = Fixtures.JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
            out.add(new EntityEvent(ev.eventId(), ev.account(), ev.schema(), ev.schemaVersion(), ev.entityId(),
                    ev.action(), ev.type(), ev.version(), ev.actor(), ev.timestamp(), data, ev.idempotencyKey()));
        }
        return out;
    }
}
