package io.operadb.api.entity;

import io.operadb.api.Fixtures;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.REDUCER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepsTest {

    private static final String ALICE = "0x" + "a".repeat(40);
    private static final String BOB = "0x" + "b".repeat(40);

    private static final CompiledSchema COIN = Fixtures.COMPILER.compile(Fixtures.resource("coin.json"));

    private static final CompiledSchema BAG = Fixtures.compile("""
            {`schemaId`: `bag`, `version`: 1,
             `fields`: {
               `i`: {`type`: `integer`}, `d`: {`type`: `decimal`}, `s`: {`type`: `string`},
               `list`: {`type`: `array`, `items`: {`type`: `string`}},
               `nums`: {`type`: `array`, `items`: {`type`: `decimal`}},
               `profile`: {`type`: `object`, `fields`: {`name`: {`type`: `string`},
                          `address`: {`type`: `object`, `fields`: {`city`: {`type`: `string`}, `zip`: {`type`: `integer`}}}}},
               `m`: {`type`: `map`, `values`: {`type`: `integer`}},
               `deep`: {`type`: `map`, `values`: {`type`: `map`, `values`: {`type`: `decimal`}}},
               `when`: {`type`: `timestamp`}
             },
             `actions`: {
               `make`: {`creates`: true},
               `setAll`: {`params`: {`x`: {`type`: `string`}, `k`: {`type`: `string`}},
                  `reduce`: [{`set`: `s`, `to`: `params.x`}, {`set`: `profile.address.city`, `to`: `'Paris'`},
                             {`set`: `m[params.k]`, `to`: `size(params.x)`}, {`set`: `d`, `to`: `1.0 / 4.0`},
                             {`set`: `i`, `to`: `2.0 * 3.0`}, {`set`: `when`, `to`: `timestamp`},
                             {`set`: `deep[actor][params.k]`, `to`: `'0.10'`}]},
               `setNull`: {`params`: {`x`: {`type`: `string`}}, `reduce`: [{`set`: `s`, `to`: `params.x`}]},
               `unsetAll`: {`reduce`: [{`unset`: `s`}, {`unset`: `profile.address.city`}, {`unset`: `deep.nothing.here`}]},
               `adds`: {`reduce`: [{`add`: `d`, `by`: `0.1`}, {`add`: `d`, `by`: `0.2`}, {`add`: `i`, `by`: `5`},
                                   {`subtract`: `i`, `by`: `2`}, {`add`: `m['x']`, `by`: `1`}, {`add`: `deep.a.b`, `by`: `'1.5'`}]},
               `addCel`: {`reduce`: [{`add`: `d`, `by`: `0.1 + 0.2`}]},
               `addBad`: {`reduce`: [{`add`: `i`, `by`: `0.5`}]},
               `lists`: {`params`: {`v`: {`type`: `string`}},
                         `reduce`: [{`append`: `list`, `value`: `params.v`}, {`append`: `list`, `value`: `'z'`},
                                    {`append`: `nums`, `value`: `1.50`}]},
               `removeV`: {`params`: {`v`: {`type`: `string`}}, `reduce`: [{`remove`: `list`, `value`: `params.v`},
                                    {`remove`: `nums`, `value`: `'1.5'`}]},
               `merges`: {`reduce`: [{`merge`: `profile`, `with`: `{'name': 'Ann', 'address': {'zip': 75001}}`},
                                     {`merge`: `m`, `with`: `{'a': 1, 'b': 2}`}, {`merge`: `m`, `with`: `{'a': null}`}]},
               `seesPrevious`: {`reduce`: [{`set`: `i`, `to`: `40`}, {`set`: `i`, `to`: `state.i + 2`},
                                           {`set`: `s`, `to`: `string(state.i)`}]},
               `failing`: {`reduce`: [{`set`: `s`, `to`: `'ok'`}, {`set`: `i`, `to`: `state.m.nope + 1`}]},
               `intoScalar`: {`reduce`: [{`set`: `s`, `to`: `'x'`}, {`set`: `deep[state.s]['k']`, `to`: `1`}]},
               `longKey`: {`reduce`: [{`set`: `m[entity.version]`, `to`: `7`}]},
               `junk`: {`reduce`: [{`merge`: `profile`, `with`: `{'bogus': 1, 'name': 2}`}, {`set`: `m['a.b']`, `to`: `1`},
                                   {`set`: `i`, `to`: `'x'`}]}
             }}
            """);

    private static Map<String, Object> decideAndReduce(CompiledSchema schema, String action, Map<String, Object> state,
                                                      String params, ActorContext who) {
        EntityView current = new EntityView("acme", schema.schemaId(), "e-1", 3, state);
        Decision d = DECIDER.decide(schema, action, current, json(params), who, T0);
        EntityEvent ev = Fixtures.event(schema, current, action, who, T0, d);
        Map<String, Object> reduced = REDUCER.reduce(schema, state, ev);
        assertThat(reduced).isEqualTo(d.newState());
        return d.newState();
    }

    private static Map<String, Object> bag(String action, Map<String, Object> state, String params) {
        return decideAndReduce(BAG, action, state, params, actor("user:u"));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void set() {
        Map<String, Object> s = bag("setAll", Map.of(), "{`x`: `hello`, `k`: `key`}");
        assertThat(s).isEqualTo(map("s", "hello", "profile", map("address", map("city", "Paris")),
                "m", map("key", 5L), "d", new BigDecimal("0.25"), "i", 6L, "when", "2026-01-02T03:04:05.123Z",
                "deep", map("user:u", map("key", new BigDecimal("0.1")))));
        assertThat(s.get("i")).isInstanceOf(Long.class);
    }

    @Test
    void setToMissingUnsets() {
        assertThat(bag("setNull", map("s", "old", "i", 1L), "{}")).isEqualTo(map("i", 1L));
    }

    @Test
    void unset() {
        Map<String, Object> s = bag("unsetAll", map("s", "x", "i", 1L,
                "profile", map("name", "n", "address", map("city", "c"))), "{}");
        assertThat(s).isEqualTo(map("i", 1L, "profile", map("name", "n", "address", map())));
    }

    @Test
    void addAndSubtractAreExact() {
        Map<String, Object> s = bag("adds", Map.of(), "{}");
        assertThat(s.get("d")).isEqualTo(new BigDecimal("0.3"));
        assertThat(s).containsEntry("i", 3L).containsEntry("m", map("x", 1L))
                .containsEntry("deep", map("a", map("b", new BigDecimal("1.5"))));
        assertThat(WireValues.toWire(s)).containsEntry("d", "0.3");
        // through CEL the sum is a double: 0.30000000000000004
        assertThat(bag("addCel", Map.of(), "{}").get("d")).isEqualTo(new BigDecimal("0.30000000000000004"));
    }

    @Test
    void addingAFractionToAnIntegerFails() {
        EntityView current = new EntityView("acme", "bag", "e-1", 3, Map.of());
        assertThatThrownBy(() -> DECIDER.decide(BAG, "addBad", current, null, actor("user:u"), T0))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
                    assertThat(e.getMessage()).startsWith("reducer step actions.addBad.reduce[0] failed: ");
                });
    }

    @Test
    void appendAndRemove() {
        Map<String, Object> s = bag("lists", Map.of(), "{`v`: `a`}");
        assertThat(s).isEqualTo(map("list", List.of("a", "z"), "nums", List.of(new BigDecimal("1.5"))));
        s = bag("lists", s, "{`v`: `a`}");
        assertThat(s.get("list")).isEqualTo(List.of("a", "z", "a", "z"));
        s = bag("removeV", s, "{`v`: `a`}");
        assertThat(s).isEqualTo(map("list", List.of("z", "z"), "nums", List.of()));
        assertThat(bag("removeV", Map.of(), "{`v`: `a`}")).isEmpty();
    }

    @Test
    void merge() {
        Map<String, Object> s = bag("merges", map("profile", map("name", "Bob", "address", map("city", "X")),
                "m", map("c", 3L)), "{}");
        assertThat(s).isEqualTo(map("profile", map("name", "Ann", "address", map("zip", 75001L)),
                "m", map("c", 3L, "b", 2L)));
    }

    @Test
    void stepsSeePreviousSteps() {
        assertThat(bag("seesPrevious", Map.of(), "{}")).isEqualTo(map("i", 42L, "s", "42"));
    }

    @Test
    void integerKeysBecomeStrings() {
        assertThat(bag("longKey", Map.of(), "{}")).isEqualTo(map("m", map("3", 7L)));
    }

    @Test
    void aFailingStepIsAGuardFailureInTheDeciderAndAReductionExceptionInTheReducer() {
        EntityView current = new EntityView("acme", "bag", "e-1", 3, Map.of());
        assertThatThrownBy(() -> DECIDER.decide(BAG, "failing", current, null, actor("user:u"), T0))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
                    assertThat(e.getMessage()).startsWith("reducer step actions.failing.reduce[1] failed: ");
                });
        EntityEvent ev = new EntityEvent("e", "acme", "bag", 1, "e-1", "failing", "bag.failing", 4, "user:u", T0,
                Map.of(), null);
        assertThatThrownBy(() -> REDUCER.reduce(BAG, Map.of(), ev))
                .isInstanceOf(ReductionException.class).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("reducer step actions.failing.reduce[1] failed: ");
        assertThatThrownBy(() -> DECIDER.decide(BAG, "intoScalar", new EntityView("acme", "bag", "e-1", 3,
                map("deep", map("x", "oops"))), null, actor("user:u"), T0))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
                    assertThat(e.getMessage()).isEqualTo(
                            "reducer step actions.intoScalar.reduce[1] failed: 'deep.x' is not an object or map");
                });
    }

    @Test
    void coinTransferAndNestedAllowances() {
        Map<String, Object> s = decideAndReduce(COIN, "mint", Map.of(), "{`name`: `Gold`, `supply`: `1000.50`}",
                actor(ALICE));
        assertThat(s).containsEntry("balances", map(ALICE, new BigDecimal("1000.5")))
                .containsEntry("owner", ALICE).containsEntry("transfers", 0L).containsEntry("holders", List.of(ALICE));
        s = decideAndReduce(COIN, "transfer", s, "{`to`: `" + BOB.toUpperCase().replace("0X", "0x")
                + "`, `amount`: `200.25`}", actor(ALICE));
        assertThat(s).containsEntry("balances", map(ALICE, new BigDecimal("800.25"), BOB, new BigDecimal("200.25")))
                .containsEntry("transfers", 1L);
        assertThat(WireValues.toWire(s)).containsEntry("balances", map(ALICE, "800.25", BOB, "200.25"))
                .containsEntry("supply", "1000.5");
        s = decideAndReduce(COIN, "approve", s, "{`spender`: `user:carol`, `amount`: 5}", actor(BOB));
        s = decideAndReduce(COIN, "approve", s, "{`spender`: `user:dave`, `amount`: 6}", actor(BOB));
        assertThat(s.get("allowances")).isEqualTo(map(BOB, map("user:carol", new BigDecimal("5"),
                "user:dave", new BigDecimal("6"))));
    }

    @Test
    void stateRulesAreCheckedAfterTheSteps() {
        Map<String, Object> s = decideAndReduce(COIN, "mint", Map.of(), "{`name`: `Gold`, `supply`: 10}", actor(ALICE));
        EntityView current = new EntityView("acme", "coin", "c-1", 1, s);
        assertThatThrownBy(() -> DECIDER.decide(COIN, "transfer", current, json("{`to`: `" + BOB + "`, `amount`: 11}"),
                actor(ALICE), T0))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.STATE_INVALID);
                    assertThat(e.problem().errors()).containsExactly(
                            new FieldError("state.balances." + ALICE, "must be >= 0"));
                });
        assertThatThrownBy(() -> DECIDER.decide(COIN, "burn", current, json("{`amount`: 1}"), actor(BOB), T0))
                .isInstanceOfSatisfying(OperaDbException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.FORBIDDEN));
        assertThatThrownBy(() -> DECIDER.decide(COIN, "transfer", current, json("{`to`: `" + BOB + "`, `amount`: 1}"),
                actor(BOB), T0)).hasMessage("no balance");
    }

    @Test
    void theResultingStateIsValidatedWithPaths() {
        EntityView current = new EntityView("acme", "bag", "e-1", 3, map("legacy", "kept"));
        assertThatThrownBy(() -> DECIDER.decide(BAG, "junk", current, null, actor("user:u"), T0))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.STATE_INVALID);
                    assertThat(e.problem().errors()).extracting(f -> f.path() + ": " + f.reason())
                            .containsExactlyInAnyOrder("state.profile.bogus: unknown field",
                                    "state.profile.name: must be a string",
                                    "state.m.a.b: map key must not contain '.'",
                                    "state.i: must be an integer");
                });
        // an undeclared top-level key (left by an older schema version) is kept and not reported
        assertThat(bag("seesPrevious", map("legacy", "kept"), "{}")).containsEntry("legacy", "kept");
    }

    @Test
    void reducerNeverMutatesItsInput() {
        Map<String, Object> balances = new LinkedHashMap<>(map(ALICE, new BigDecimal("10")));
        List<Object> holders = new ArrayList<>(List.of(ALICE));
        Map<String, Object> state = new LinkedHashMap<>(map("name", "G", "owner", ALICE, "supply", new BigDecimal("10"),
                "balances", balances, "transfers", 0L, "holders", holders));
        String before = state.toString();
        EntityEvent ev = new EntityEvent("e2", "acme", "coin", 1, "c-1", "transfer", "coin.transfer", 2, ALICE,
                Instant.parse("2026-01-01T00:00:00Z"), map("to", BOB, "amount", "3"), null);
        Map<String, Object> after = REDUCER.reduce(COIN, state, ev);
        assertThat(state.toString()).isEqualTo(before);
        assertThat(after.get("balances")).isNotSameAs(balances).isEqualTo(map(ALICE, new BigDecimal("7"),
                BOB, new BigDecimal("3")));
        assertThat(after.get("holders")).isNotSameAs(holders);
        // immutable inputs work too
        assertThat(REDUCER.reduce(COIN, Map.copyOf(state), ev)).isEqualTo(after);
    }

    @Test
    void jsonRoundTrippedStateIsCanonicalisedLeniently() {
        Map<String, Object> fromJson = map("name", "G", "owner", ALICE.toUpperCase().replace("0X", "0x"),
                "supply", 10.5d, "balances", map(ALICE, 10, BOB, "0.50"), "transfers", 3, "holders", List.of(ALICE));
        EntityEvent ev = new EntityEvent("e2", "acme", "coin", 1, "c-1", "transfer", "coin.transfer", 2, ALICE,
                T0, map("to", BOB, "amount", 1.25d), null);
        Map<String, Object> after = REDUCER.reduce(COIN, fromJson, ev);
        assertThat(after).isEqualTo(map("name", "G", "owner", ALICE, "supply", new BigDecimal("10.5"),
                "balances", map(ALICE, new BigDecimal("8.75"), BOB, new BigDecimal("1.75")), "transfers", 4L,
                "holders", List.of(ALICE)));
        assertThat(WireValues.toCanonical(COIN, map("supply", 1e3, "transfers", 2.0f, "ignored", null)))
                .isEqualTo(map("supply", new BigDecimal("1000"), "transfers", 2L));
        assertThat(WireValues.toWire(map("x", new BigDecimal("800.250"), "y", new BigDecimal("1E+3"),
                "z", List.of(new BigDecimal("0.10")))))
                .isEqualTo(map("x", "800.25", "y", "1000", "z", List.of("0.1")));
    }
}
