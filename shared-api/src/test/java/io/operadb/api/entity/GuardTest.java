package io.operadb.api.entity;

import io.operadb.api.Fixtures;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardTest {

    private static final CompiledSchema DOC = Fixtures.compile("""
            {`schemaId`: `doc`, `version`: 1,
             `fields`: {`owner`: {`type`: `actor`}, `n`: {`type`: `integer`}, `price`: {`type`: `decimal`},
                        `tags`: {`type`: `map`, `values`: {`type`: `string`}}, `log`: {`type`: `string`}},
             `actions`: {
               `make`: {`creates`: true, `reduce`: [{`set`: `owner`, `to`: `actor`}, {`set`: `n`, `to`: `1`},
                                                   {`set`: `price`, `to`: `'2.50'`}]},
               `edit`: {`allow`: [`role:editor`, `actor == state.owner`, `state.tags.x == 'y'`]},
               `open`: {},
               `emptyAllow`: {`allow`: []},
               `byRole`: {`allow`: [`'writer' in actorRoles`]},
               `ordered`: {`params`: {`k`: {`type`: `integer`}},
                           `require`: [{`rule`: `state.n >= 1`, `message`: `first`},
                                       {`rule`: `params.k > 5`, `message`: `second`},
                                       {`rule`: `params.k > 10`, `message`: `third`}]},
               `missing`: {`require`: [{`rule`: `state.tags.nope == 'x'`, `message`: `no tag`}]},
               `nonBool`: {`require`: [{`rule`: `state.log`, `message`: `log is not a boolean`}]},
               `defaultMessage`: {`require`: [{`rule`: `state.n > 5`}]},
               `numbers`: {`require`: [{`rule`: `state.price > 2.4 && state.price < 2.6 && state.n > 0.5`,
                                        `message`: `numbers`}]},
               `context`: {`require`: [{`rule`: `entity.id == 'd-1' && entity.version == 1 && timestamp == '2026-01-02T03:04:05.123Z'`,
                                        `message`: `context`}]},
               `validatesFirst`: {`allow`: [`role:nobody`], `params`: {`p`: {`type`: `integer`, `required`: true}}}
             }}
            """);

    private static final Map<String, Object> STATE = state();

    private static Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("owner", "user:alice");
        s.put("n", 1L);
        s.put("price", new java.math.BigDecimal("2.5"));
        s.put("log", "text");
        return s;
    }

    private static Decision run(String action, String params, ActorContext who) {
        return DECIDER.decide(DOC, action, new EntityView("acme", "doc", "d-1", 1, STATE), json(params), who, T0);
    }

    private static ProblemKind kind(String action, String params, ActorContext who) {
        try {
            run(action, params, who);
            return null;
        } catch (OperaDbException e) {
            return e.kind();
        }
    }

    @Test
    void allowAlternatives() {
        assertThat(kind("edit", "{}", actor("user:alice"))).isNull();
        assertThat(kind("edit", "{}", actor("user:bob", "editor"))).isNull();
        assertThat(kind("edit", "{}", actor("user:bob", "admin"))).as("admin override").isNull();
        // state.tags.x fails at run time (no tags): that alternative is false, not an error
        assertThatThrownBy(() -> run("edit", "{}", actor("user:bob", "reader")))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("actor user:bob may not run doc.edit");
                });
        assertThat(kind("open", "{}", actor("user:bob"))).isNull();
        assertThat(kind("emptyAllow", "{}", actor("user:bob"))).isNull();
        assertThat(kind("byRole", "{}", actor("user:bob", "writer"))).isNull();
        assertThat(kind("byRole", "{}", actor("user:bob"))).isEqualTo(ProblemKind.FORBIDDEN);
    }

    @Test
    void paramsAreValidatedBeforeAllow() {
        assertThat(kind("validatesFirst", "{}", actor("user:bob"))).isEqualTo(ProblemKind.INVALID_INPUT);
        assertThat(kind("validatesFirst", "{`p`: 1}", actor("user:bob"))).isEqualTo(ProblemKind.FORBIDDEN);
    }

    @Test
    void requireRunsInOrderAndTheFirstFailingGivesItsMessage() {
        assertThatThrownBy(() -> run("ordered", "{`k`: 1}", actor("user:a")))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
                    assertThat(e.problem().detail()).isEqualTo("second");
                });
        assertThatThrownBy(() -> run("ordered", "{`k`: 7}", actor("user:a")))
                .hasMessage("third");
        // a missing parameter makes the CEL rule fail (missing key), which fails the rule
        assertThatThrownBy(() -> run("ordered", "{}", actor("user:a"))).hasMessage("second");
        assertThat(kind("ordered", "{`k`: 11}", actor("user:a"))).isNull();
    }

    @Test
    void runtimeErrorsAndNonBooleansFailTheRule() {
        assertThatThrownBy(() -> run("missing", "{}", actor("user:a"))).hasMessage("no tag");
        assertThatThrownBy(() -> run("nonBool", "{}", actor("user:a"))).hasMessage("log is not a boolean");
        assertThatThrownBy(() -> run("defaultMessage", "{}", actor("user:a")))
                .hasMessage("requirement failed: state.n > 5");
    }

    @Test
    void decimalsAreDoublesInCelAndIntsCompareWithDoubles() {
        assertThat(kind("numbers", "{}", actor("user:a"))).isNull();
    }

    @Test
    void entityAndTimestampAreVisible() {
        assertThat(kind("context", "{}", actor("user:a"))).isNull();
    }
}
