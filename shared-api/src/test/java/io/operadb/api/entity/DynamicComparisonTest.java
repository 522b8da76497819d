package io.operadb.api.entity;

import io.operadb.api.Fixtures;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ordering operators between values whose types are only known at run time (state and params are maps of dyn):
 * a guard such as {@code state.balances[actor] >= params.amount} must compare the values, not fail to dispatch.
 */
class DynamicComparisonTest {

    private static Decision check(String rule, String params) {
        CompiledSchema schema = Fixtures.compile("""
                {`schemaId`: `cmp`, `version`: 1,
                 `fields`: {`balances`: {`type`: `map`, `values`: {`type`: `decimal`}}, `n`: {`type`: `integer`},
                            `name`: {`type`: `string`}, `at`: {`type`: `timestamp`}},
                 `actions`: {
                   `make`: {`creates`: true},
                   `go`: {`params`: {`amount`: {`type`: `decimal`}, `k`: {`type`: `integer`},
                                     `s`: {`type`: `string`}, `t`: {`type`: `timestamp`}},
                          `require`: [{`rule`: `%s`, `message`: `refused`}]}}}
                """.formatted(rule));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("balances", new LinkedHashMap<>(Map.of("user:alice", new BigDecimal("10.5"))));
        state.put("n", 3L);
        state.put("name", "bravo");
        state.put("at", "2026-01-02T03:04:05.000Z");
        return DECIDER.decide(schema, "go", new EntityView("acme", "cmp", "c-1", 1, state), json(params),
                actor("user:alice"), T0);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
            "state.balances[actor] >= params.amount | {`amount`: `2.25`}",
            "state.balances[actor] > 0              | {}",
            "state.balances[actor] > params.k       | {`k`: 10}",
            "state.n < params.amount                | {`amount`: `3.5`}",
            "state.n <= params.k                    | {`k`: 3}",
            "params.k >= state.n                    | {`k`: 3}",
            "state.name > params.s                  | {`s`: `alpha`}",
            "state.at < params.t                    | {`t`: `2026-02-01T00:00:00Z`}",
            "state.n > 2.5 && 2 < state.n           | {}"})
    void values_known_only_at_run_time_compare_by_value(String rule, String params) {
        assertThat(check(rule, params)).isNotNull();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
            "state.balances[actor] >= params.amount | {`amount`: `10.51`}",
            "state.n > params.k                     | {`k`: 3}",
            "state.name < params.s                  | {`s`: `alpha`}",
            "state.name > params.k                  | {`k`: 1}"})
    void a_comparison_that_does_not_hold_or_mixes_kinds_refuses_the_command(String rule, String params) {
        assertThatThrownBy(() -> check(rule, params)).isInstanceOf(OperaDbException.class).hasMessage("refused");
    }
}
