package io.operadb.api.language;

import io.operadb.api.Fixtures;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityView;
import io.operadb.api.entity.WireValues;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.unique.UniqueValueChange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.REDUCER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Unique fields, grantsRoles, free-form objects and conditional steps ({@code when}). */
class FieldAndStepExtensionsTest {

    private static final String DOC = """
            {`schemaId`: `thing`, `version`: 1,
             `fields`: {`code`: {`type`: `string`, `unique`: true}, `n`: {`type`: `integer`, `unique`: true},
                        `info`: {`type`: `object`}, `note`: {`type`: `string`},
                        `people`: {`type`: `array`, `items`: {`type`: `actor`}},
                        `grants`: {`type`: `array`, `items`: {`type`: `string`}}},
             `grantsRoles`: {`members`: `people`, `roles`: `grants`},
             `actions`: {
               `make`: {`creates`: true, `params`: {`code`: {`type`: `string`}, `info`: {`type`: `object`}},
                        `reduce`: [{`set`: `code`, `to`: `params.code`}, {`set`: `info`, `to`: `params.info`, `when`: `has(params.info)`},
                                   {`set`: `note`, `to`: `'no info'`, `when`: `!has(params.info)`}]},
               `deep`: {`params`: {`v`: {`type`: `decimal`}},
                        `reduce`: [{`set`: `info.a.b`, `to`: `params.v`}, {`add`: `info.count`, `by`: `1`},
                                   {`merge`: `info`, `with`: `{'x': 1.5, 'y': [1, 'two']}`}, {`set`: `info[params.v > 1.0 ? 'big' : 'small']`, `to`: `true`}]},
               `recode`: {`params`: {`code`: {`type`: `string`}}, `reduce`: [{`set`: `code`, `to`: `params.code`}]},
               `drop`: {`reduce`: [{`unset`: `code`}]}
             }}
            """;
    private static final CompiledSchema S = Fixtures.compile(DOC);

    private static Decision decide(String action, Map<String, Object> state, String params) {
        return DECIDER.decide(S, action, new EntityView("acme", "thing", "t", state.isEmpty() ? 0 : 1, state),
                json(params), actor("user:a"), T0);
    }

    /** Decide, then reduce the event through its JSON (wire) form: both must agree. */
    private static Map<String, Object> run(String action, Map<String, Object> state, String params) {
        Decision d = decide(action, state, params);
        EntityView view = new EntityView("acme", "thing", "t", state.isEmpty() ? 0 : 1, state);
        EntityEvent event = Fixtures.event(S, view, action, actor("user:a"), T0, d);
        Map<String, Object> reduced = REDUCER.reduce(S, WireValues.toCanonical(S, WireValues.toWire(state)), event);
        assertThat(reduced).isEqualTo(d.newState());
        return d.newState();
    }

    @Test
    void unique_fields_are_listed_and_their_changes_computed() {
        assertThat(S.uniqueFields()).containsExactly("code", "n");
        Map<String, Object> made = run("make", Map.of(), "{`code`: `A-1`}");
        assertThat(UniqueValueChange.between(S, Map.of(), made))
                .containsExactly(new UniqueValueChange("code", null, "A-1"));
        Map<String, Object> recoded = run("recode", made, "{`code`: `B-2`}");
        assertThat(UniqueValueChange.between(S, made, recoded))
                .containsExactly(new UniqueValueChange("code", "A-1", "B-2"));
        assertThat(UniqueValueChange.between(S, recoded, run("recode", recoded, "{`code`: `B-2`}"))).isEmpty();
        assertThat(UniqueValueChange.between(S, recoded, run("drop", recoded, "{}")))
                .containsExactly(new UniqueValueChange("code", "B-2", null));
    }

    private static List<String> errorPaths(String doc) {
        OperaDbException e = catchThrowableOfType(() -> Fixtures.compile(doc), OperaDbException.class);
        assertThat(e).isNotNull();
        return e.problem().errors().stream().map(FieldError::path).toList();
    }

    @Test
    void unique_applies_to_top_level_scalar_state_fields_only() {
        assertThat(errorPaths(DOC.replace("`note`: {`type`: `string`}", "`note`: {`type`: `string`, `unique`: 1}")))
                .containsExactly("fields.note.unique");
        assertThat(errorPaths(DOC.replace("`grants`: {`type`: `array`,", "`grants`: {`type`: `array`, `unique`: true,")))
                .containsExactly("fields.grants.unique");
        assertThat(errorPaths(DOC.replace("`items`: {`type`: `actor`}", "`items`: {`type`: `actor`, `unique`: true}")))
                .containsExactly("fields.people.items.unique");
        assertThat(errorPaths(DOC.replace("`params`: {`code`: {`type`: `string`}, `info`",
                "`params`: {`code`: {`type`: `string`, `unique`: true}, `info`")))
                .containsExactly("actions.make.params.code.unique");
    }

    @Test
    void grants_roles_names_an_actor_array_and_a_string_array() {
        assertThat(S.grantsRoles()).isPresent();
        Map<String, Object> state = Map.of("people", List.of("user:b", "0x" + "A".repeat(40)), "grants", List.of("x"));
        assertThat(S.grantsRoles().get().members(state)).containsExactly("0x" + "a".repeat(40), "user:b");
        assertThat(S.grantsRoles().get().roles(state)).containsExactly("x");
        assertThat(errorPaths(DOC.replace("`members`: `people`", "`members`: `grants`")))
                .containsExactly("grantsRoles.members");
        assertThat(errorPaths(DOC.replace("`roles`: `grants`", "`roles`: `nothing`, `extra`: 1")))
                .containsExactlyInAnyOrder("grantsRoles.roles", "grantsRoles.extra");
    }

    @Test
    void an_object_without_fields_takes_any_json_and_keeps_numbers_exact() {
        Map<String, Object> made = run("make", Map.of(),
                "{`code`: `A`, `info`: {`n`: 3, `price`: 12.50, `big`: 123456789012345678901234567890, `list`: [true, {`k`: `v`}]}}");
        assertThat(WireValues.toWire(made).get("info")).isEqualTo(Map.of("n", 3L, "price", "12.5",
                "big", "123456789012345678901234567890", "list", List.of(true, Map.of("k", "v"))));
        assertThat(made).doesNotContainKey("note");

        OperaDbException bad = catchThrowableOfType(() -> decide("make", Map.of(),
                "{`info`: {`a.b`: 1, `c`: null, `d`: [null]}}"), OperaDbException.class);
        assertThat(bad.kind()).isEqualTo(ProblemKind.INVALID_INPUT);
        assertThat(bad.problem().errors()).extracting(FieldError::path)
                .containsExactlyInAnyOrder("data.info.a.b", "data.info.c", "data.info.d[0]");
    }

    @Test
    void steps_reach_into_free_form_objects_and_when_skips_steps() {
        Map<String, Object> made = run("make", Map.of(), "{`code`: `A`}");
        assertThat(made).containsEntry("note", "no info");
        Map<String, Object> deep = run("deep", made, "{`v`: `2.25`}");
        assertThat(WireValues.toWire(deep).get("info")).isEqualTo(Map.of("a", Map.of("b", "2.25"), "count", 1L,
                "x", "1.5", "y", List.of(1L, "two"), "big", true));
        assertThat(deep.get("info")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) deep.get("info")).get("x")).isEqualTo("1.5");
        assertThat(new BigDecimal("2.25")).isNotNull();
    }

    @Test
    void when_must_be_a_boolean_expression() {
        assertThat(errorPaths(DOC.replace("`when`: `has(params.info)`", "`when`: `'yes'`")))
                .containsExactly("actions.make.reduce[1].when");
        assertThat(errorPaths(DOC.replace("`when`: `has(params.info)`", "`when`: `params.nope`")))
                .containsExactly("actions.make.reduce[1].when");
    }
}
