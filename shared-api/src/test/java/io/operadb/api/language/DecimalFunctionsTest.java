package io.operadb.api.language;

import io.operadb.api.Fixtures;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityView;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The exact {@code decimal.*} CEL functions. */
class DecimalFunctionsTest {

    private static final CompiledSchema S = Fixtures.compile("""
            {`schemaId`: `calc`, `version`: 1,
             `fields`: {`a`: {`type`: `decimal`}, `m`: {`type`: `map`, `values`: {`type`: `decimal`}},
                        `out`: {`type`: `decimal`}, `n`: {`type`: `integer`}, `s`: {`type`: `string`}},
             `actions`: {
               `make`: {`creates`: true},
               `check`: {`params`: {`x`: {`type`: `decimal`}, `rule`: {`type`: `string`}},
                         `require`: [{`rule`: `decimal.gte(state.a, params.x)`, `message`: `a < x`}]},
               `index`: {`params`: {`k`: {`type`: `string`}, `x`: {`type`: `decimal`}},
                         `require`: [{`rule`: `decimal.gte(params.k in state.m ? state.m[params.k] : 0, params.x)`,
                                      `message`: `m[k] < x`}]},
               `compute`: {`params`: {`x`: {`type`: `decimal`}},
                           `reduce`: [{`set`: `out`, `to`: `decimal.add(decimal.mul(state.a, 2), params.x)`},
                                      {`set`: `n`, `to`: `decimal.scale(params.x) + decimal.cmp(params.x, state.a)`},
                                      {`set`: `s`, `to`: `decimal.sub(0.3, 0.1) + '|' + decimal.add(0.1, 0.2) + '|' + decimal.of('1.50')`}]},
               `literals`: {`require`: [{`rule`: `decimal.eq(0.1 + 0.2, '0.30000000000000004') && decimal.lt('0.1', 0.2) && decimal.lte(1, 1) && decimal.gt(2, '1.999') && decimal.eq(0.1, '0.1')`,
                                         `message`: `literals`}]},
               `bad`: {`require`: [{`rule`: `decimal.gt('abc', 1)`, `message`: `not a number`}]}
             }}
            """);

    private static Map<String, Object> state(String a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("a", new BigDecimal(a));
        s.put("m", new LinkedHashMap<>(Map.of("k", new BigDecimal(a))));
        return s;
    }

    private static Decision run(String action, String a, String params) {
        return DECIDER.decide(S, action, new EntityView("acme", "calc", "c", 1, state(a)), json(params),
                actor("user:x"), T0);
    }

    private static String refusal(String action, String a, String params) {
        OperaDbException e = catchThrowableOfType(() -> run(action, a, params), OperaDbException.class);
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
        return e.getMessage();
    }

    @Test
    void comparisons_of_state_and_params_decimals_are_exact_beyond_double_precision() {
        String big = "1000000000.000000000000000001";
        assertThat(run("check", big, "{`x`: `" + big + "`}")).isNotNull();
        assertThat(run("check", big, "{`x`: `1000000000`}")).isNotNull();
        assertThat(refusal("check", "1000000000", "{`x`: `" + big + "`}")).isEqualTo("a < x");
        assertThat(run("index", big, "{`k`: `k`, `x`: `" + big + "`}")).isNotNull();
        assertThat(refusal("index", "1000000000", "{`k`: `k`, `x`: `" + big + "`}")).isEqualTo("m[k] < x");
        assertThat(refusal("index", big, "{`k`: `other`, `x`: `0.000000000000000001`}")).isEqualTo("m[k] < x");
    }

    @Test
    void arithmetic_gives_exact_decimal_strings_that_set_decimal_fields() {
        Decision d = run("compute", "0.1", "{`x`: `0.2`}");
        assertThat(d.newState().get("out")).isEqualTo(new BigDecimal("0.4"));
        assertThat(d.newState().get("n")).isEqualTo(2L);
        assertThat(d.newState().get("s")).isEqualTo("0.2|0.3|1.5");
        Decision big = run("compute", "123456789.123456789123456789", "{`x`: `0.000000000000000001`}");
        assertThat(big.newState().get("out")).isEqualTo(new BigDecimal("246913578.246913578246913579"));
    }

    @Test
    void literals_are_read_as_their_shortest_decimal_and_strings_exactly() {
        assertThat(run("literals", "1", "{}")).isNotNull();
    }

    @Test
    void a_string_that_is_not_a_number_fails_the_rule() {
        assertThat(refusal("bad", "1", "{}")).isEqualTo("not a number");
    }
}
