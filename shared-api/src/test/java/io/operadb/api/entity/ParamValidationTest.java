package io.operadb.api.entity;

import io.operadb.api.Fixtures;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParamValidationTest {

    private static final CompiledSchema KITCHEN = Fixtures.compile("""
            {`schemaId`: `kitchen`, `version`: 1,
             `fields`: {`x`: {`type`: `string`}},
             `actions`: {`make`: {`creates`: true, `params`: {
                `s`: {`type`: `string`, `minLength`: 2, `maxLength`: 4, `pattern`: `[a-z]+`},
                `e`: {`type`: `string`, `enum`: [`red`, `green`]},
                `i`: {`type`: `integer`, `min`: 1, `max`: 10},
                `ie`: {`type`: `integer`, `enum`: [1, 2]},
                `d`: {`type`: `decimal`, `min`: `0`, `max`: 100, `scale`: 2},
                `b`: {`type`: `boolean`},
                `t`: {`type`: `timestamp`},
                `a`: {`type`: `actor`},
                `r`: {`type`: `ref`, `schema`: `coin`},
                `address`: {`type`: `object`, `fields`: {`city`: {`type`: `string`, `required`: true},
                                                         `zip`: {`type`: `integer`}}},
                `items`: {`type`: `array`, `items`: {`type`: `integer`}, `minItems`: 1, `maxItems`: 3},
                `refs`: {`type`: `array`, `items`: {`type`: `ref`, `schema`: `coin`}},
                `balances`: {`type`: `map`, `values`: {`type`: `decimal`, `min`: 0}},
                `req`: {`type`: `string`, `required`: true}
             }}}}
            """);

    private static List<FieldError> errors(String params) {
        EntityView empty = Fixtures.view(KITCHEN, "k", 0, Map.of());
        OperaDbException e = catchThrowableOfType(
                () -> DECIDER.decide(KITCHEN, "make", empty, json(params), actor("user:a"), T0),
                OperaDbException.class);
        assertThat(e).as("expected INVALID_INPUT").isNotNull();
        assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_INPUT);
        return e.problem().errors();
    }

    private static String error(String params) {
        int last = params.lastIndexOf('}');
        List<FieldError> errs = errors(params.substring(0, last) + ", `req`: `r`}");
        assertThat(errs).hasSize(1);
        return errs.get(0).path() + ": " + errs.get(0).reason();
    }

    private static Decision ok(String params) {
        EntityView empty = Fixtures.view(KITCHEN, "k", 0, Map.of());
        return DECIDER.decide(KITCHEN, "make", empty, json(params), actor("user:a"), T0);
    }

    @Test
    void requiredAndUnknown() {
        assertThat(errors("{`zzz`: 1}")).extracting(f -> f.path() + ": " + f.reason())
                .containsExactlyInAnyOrder("data.zzz: unknown parameter", "data.req: is required");
        assertThat(errors("null")).extracting(FieldError::path).containsExactly("data.req");
        assertThat(errors("{`req`: null}")).extracting(FieldError::path).containsExactly("data.req");
    }

    @Test
    void dataMustBeAnObject() {
        EntityView empty = Fixtures.view(KITCHEN, "k", 0, Map.of());
        assertThatThrownBy(() -> DECIDER.decide(KITCHEN, "make", empty, json("[1]"), actor("user:a"), T0))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_INPUT);
                    assertThat(e.problem().errors()).extracting(FieldError::path).containsExactly("data");
                });
    }

    @Test
    void strings() {
        assertThat(error("{`s`: 12}")).isEqualTo("data.s: must be a string");
        assertThat(error("{`s`: `a`}")).startsWith("data.s: must be at least 2 characters").contains("minLength");
        assertThat(error("{`s`: `abcde`}")).startsWith("data.s: must be at most 4 characters").contains("maxLength");
        assertThat(error("{`s`: `AB`}")).isEqualTo("data.s: must match the pattern [a-z]+");
        assertThat(error("{`e`: `blue`}")).startsWith("data.e: must be one of [red, green]");
    }

    @Test
    void integers() {
        assertThat(error("{`i`: 1.5}")).isEqualTo("data.i: must be an integer");
        assertThat(error("{`i`: `3`}")).isEqualTo("data.i: must be an integer");
        assertThat(error("{`i`: 0}")).isEqualTo("data.i: must be >= 1");
        assertThat(error("{`i`: 11}")).isEqualTo("data.i: must be <= 10");
        assertThat(error("{`i`: 99999999999999999999}")).isEqualTo("data.i: is out of range for a 64-bit integer");
        assertThat(error("{`ie`: 3}")).startsWith("data.ie: must be one of [1, 2]");
        assertThat(ok("{`i`: 5.0, `req`: `r`}").data()).containsEntry("i", 5L);
    }

    @Test
    void decimals() {
        assertThat(error("{`d`: `abc`}")).startsWith("data.d: must be a decimal number");
        assertThat(error("{`d`: true}")).startsWith("data.d: must be a decimal number");
        assertThat(error("{`d`: `-0.01`}")).isEqualTo("data.d: must be >= 0");
        assertThat(error("{`d`: 100.5}")).isEqualTo("data.d: must be <= 100");
        assertThat(error("{`d`: `1.234`}")).startsWith("data.d: must have at most 2 decimal places").contains("scale");
        assertThat(ok("{`d`: `80.250`, `req`: `r`}").data()).containsEntry("d", "80.25");
        assertThat(ok("{`d`: 80.25, `req`: `r`}").data()).containsEntry("d", "80.25");
        assertThat(ok("{`d`: `1E+1`, `req`: `r`}").data()).containsEntry("d", "10");
    }

    @Test
    void booleansTimestampsActorsRefs() {
        assertThat(error("{`b`: `true`}")).isEqualTo("data.b: must be a boolean");
        assertThat(error("{`t`: `yesterday`}")).startsWith("data.t: must be an ISO-8601 timestamp");
        assertThat(error("{`t`: `2026-01-02`}")).startsWith("data.t: must be an ISO-8601 timestamp");
        assertThat(error("{`a`: `alice`}")).startsWith("data.a: must be an actor id");
        assertThat(error("{`r`: `a/b`}")).startsWith("data.r: must be the id of a coin entity");
        Decision d = ok("{`t`: `2026-01-02T04:04:05.1234+01:00`, `a`: `0xABCDEF0123456789abcdef0123456789ABCDEF01`,"
                + " `r`: `c-1`, `b`: false, `req`: `r`}");
        assertThat(d.data()).containsEntry("t", "2026-01-02T03:04:05.123Z")
                .containsEntry("a", "0xabcdef0123456789abcdef0123456789abcdef01")
                .containsEntry("b", false);
        assertThat(d.references()).containsExactly(new EntityRef("data.r", "coin", "c-1"));
    }

    @Test
    void nested() {
        assertThat(errors("{`address`: {`zip`: `x`, `street`: `y`}, `items`: [1, `two`, 3.5, null],"
                + " `balances`: {`0xab`: `-1`, `bob`: `x`, `a.b`: 1, `$set`: 1, ``: 1}, `req`: `r`}"))
                .extracting(f -> f.path() + ": " + f.reason())
                .containsExactlyInAnyOrder(
                        "data.address.street: unknown field",
                        "data.address.city: is required",
                        "data.address.zip: must be an integer",
                        "data.items[1]: must be an integer",
                        "data.items[2]: must be an integer",
                        "data.items[3]: must not be null",
                        "data.balances.0xab: must be >= 0",
                        "data.balances.bob: must be a decimal number (a JSON number or a string such as \"800.25\")",
                        "data.balances.a.b: map key must not contain '.'",
                        "data.balances.$set: map key must not start with '$'",
                        "data.balances.: map key must not be empty");
        assertThat(error("{`items`: []}")).startsWith("data.items: must have at least 1 items").contains("minItems");
        assertThat(error("{`items`: [1,2,3,4]}")).startsWith("data.items: must have at most 3 items");
        assertThat(error("{`address`: `x`}")).isEqualTo("data.address: must be an object");
        assertThat(error("{`items`: {}}")).isEqualTo("data.items: must be an array");
    }

    @Test
    void validParamsInWireFormAndReferences() {
        Decision d = ok("{`address`: {`city`: `Paris`, `zip`: 75001}, `items`: [1, 2], `balances`: {`bob`: 1.50},"
                + " `refs`: [`c-1`, `c-2`], `req`: `r`}");
        assertThat(d.data()).isEqualTo(Map.of("address", Map.of("city", "Paris", "zip", 75001L),
                "items", List.of(1L, 2L), "balances", Map.of("bob", "1.5"), "refs", List.of("c-1", "c-2"),
                "req", "r"));
        assertThat(d.references()).containsExactly(new EntityRef("data.refs[0]", "coin", "c-1"),
                new EntityRef("data.refs[1]", "coin", "c-2"));
        assertThat(d.newState()).isEmpty();
        assertThat(new BigDecimal("1.5")).isEqualTo(WireValues.toCanonicalParams(KITCHEN, "make", d.data())
                .get("balances") instanceof Map<?, ?> m ? m.get("bob") : null);
    }
}
