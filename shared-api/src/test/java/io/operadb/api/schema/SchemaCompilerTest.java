package io.operadb.api.schema;

import io.operadb.api.Fixtures;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SchemaCompilerTest {

    private static final String FIELDS = "`fields`: {`n`: {`type`: `integer`}, `s`: {`type`: `string`},"
            + " `m`: {`type`: `map`, `values`: {`type`: `decimal`}},"
            + " `o`: {`type`: `object`, `fields`: {`city`: {`type`: `string`}}}}";

    private static String schema(String actions) {
        return "{`schemaId`: `thing`, `version`: 1, " + FIELDS + ", `actions`: {" + actions + "}}";
    }

    private static String creating(String extra) {
        return "`make`: {`creates`: true, `params`: {`p`: {`type`: `integer`}}, `reduce`: [" + extra + "]}";
    }

    private static List<FieldError> errors(String json) {
        OperaDbException e = catchThrowableOfType(() -> Fixtures.compile(json), OperaDbException.class);
        assertThat(e).as("expected INVALID_SCHEMA").isNotNull();
        assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_SCHEMA);
        return e.problem().errors();
    }

    private static FieldError onlyError(String json) {
        List<FieldError> errs = errors(json);
        assertThat(errs).hasSize(1);
        return errs.get(0);
    }

    @Test
    void aMinimalSchemaCompiles() {
        CompiledSchema s = Fixtures.compile(schema(creating("{`set`: `n`, `to`: `params.p`}")));
        assertThat(s.creatingAction()).isEqualTo("make");
        assertThat(s.fieldAt("o.city")).map(FieldType::kind).contains(ValueKind.STRING);
        assertThat(s.fieldAt("m.0xabc")).map(FieldType::kind).contains(ValueKind.DECIMAL);
        assertThat(s.fieldAt("o.nope")).isEmpty();
        assertThat(s.fieldAt("n.x")).isEmpty();
    }

    @Test
    void badCel() {
        FieldError e = onlyError(schema(creating("") + ", `go`: {`require`: [{`rule`: `state.n >`, `message`: `m`}]}"));
        assertThat(e.path()).isEqualTo("actions.go.require[0].rule");
        assertThat(e.reason()).contains("at 1:");
    }

    @Test
    void undeclaredVariableAndNonBooleanGuards() {
        List<FieldError> errs = errors(schema(creating("")
                + ", `go`: {`allow`: [`role:`, `who == actor`, `1 + 2`], `require`: [{`rule`: `'x'`}]}"));
        assertThat(errs).extracting(FieldError::path).containsExactlyInAnyOrder(
                "actions.go.allow[0]", "actions.go.allow[1]", "actions.go.allow[2]", "actions.go.require[0].rule");
        assertThat(errs.get(2).reason()).contains("boolean");
    }

    @Test
    void unknownType() {
        FieldError e = onlyError("{`schemaId`: `thing`, `version`: 1, `fields`: {`a`: {`type`: `float`}},"
                + " `actions`: {" + creating("") + "}}");
        assertThat(e.path()).isEqualTo("fields.a.type");
        assertThat(e.reason()).contains("unknown type 'float'");
    }

    @Test
    void twoCreatingActionsAndNone() {
        assertThat(onlyError(schema(creating("") + ", `b`: {`creates`: true}")).reason())
                .contains("exactly one").contains("make").contains("b");
        FieldError none = onlyError(schema("`b`: {}"));
        assertThat(none.path()).isEqualTo("actions");
        assertThat(none.reason()).contains("none");
    }

    @Test
    void unknownStepAndMissingCompanion() {
        List<FieldError> errs = errors(schema(creating("{`put`: `n`, `to`: `1`}, {`set`: `n`}, {`add`: `n`, `to`: `1`}")));
        assertThat(errs).extracting(FieldError::path).containsExactlyInAnyOrder(
                "actions.make.reduce[0]", "actions.make.reduce[1].to", "actions.make.reduce[2].to",
                "actions.make.reduce[2].by");
        assertThat(errs.get(0).reason()).contains("unknown step 'put'");
    }

    @Test
    void reduceMayNotUseActorRoles() {
        FieldError e = onlyError(schema(creating("{`set`: `s`, `to`: `actorRoles[0]`}")));
        assertThat(e.path()).isEqualTo("actions.make.reduce[0].to");
        assertThat(e.reason()).contains("actorRoles is not available in reduce");
        // but guards may
        Fixtures.compile(schema(creating("") + ", `go`: {`allow`: [`'lead' in actorRoles`]}"));
    }

    @Test
    void pathRootMustBeDeclared() {
        List<FieldError> errs = errors(schema(creating("{`set`: `nope`, `to`: `1`}, {`set`: `o.zip`, `to`: `1`},"
                + " {`set`: `n.x`, `to`: `1`}, {`set`: `m[`, `to`: `1`}, {`set`: `o[actor]`, `to`: `1`}")));
        assertThat(errs).extracting(FieldError::path).containsExactly(
                "actions.make.reduce[0].set", "actions.make.reduce[1].set", "actions.make.reduce[2].set",
                "actions.make.reduce[3].set", "actions.make.reduce[4].set");
        assertThat(errs.get(0).reason()).contains("'nope' is not a declared field");
    }

    @Test
    void stepTargetKinds() {
        List<FieldError> errs = errors(schema(creating("{`add`: `s`, `by`: `1`}, {`append`: `n`, `value`: `1`},"
                + " {`merge`: `n`, `with`: `{}`}")));
        assertThat(errs).extracting(FieldError::path).containsExactly(
                "actions.make.reduce[0].add", "actions.make.reduce[1].append", "actions.make.reduce[2].merge");
    }

    @Test
    void badRegexAndRuleValues() {
        List<FieldError> errs = errors("{`schemaId`: `thing`, `version`: 1, `fields`: {"
                + "`a`: {`type`: `string`, `pattern`: `[a-`, `maxLength`: -1},"
                + "`b`: {`type`: `integer`, `min`: 1.5, `scale`: 2},"
                + "`c`: {`type`: `decimal`, `min`: `abc`},"
                + "`d`: {`type`: `ref`},"
                + "`e`: {`type`: `array`}},"
                + " `actions`: {" + creating("") + "}}");
        assertThat(errs).extracting(FieldError::path).containsExactlyInAnyOrder(
                "fields.a.pattern", "fields.a.maxLength", "fields.b.min", "fields.b.scale", "fields.c.min",
                "fields.d.schema", "fields.e.items");
    }

    @Test
    void strictKeysAndNames() {
        List<FieldError> errs = errors("{`schemaId`: `X`, `version`: 0, `extra`: 1, `fields`: {`a b`: {`type`: `string`}},"
                + " `actions`: {`make`: {`creates`: true, `reduce`: [], `when`: `x`, `params`: {`p`: {`type`: `string`, `min`: 1}}},"
                + " `9bad`: {}}}");
        assertThat(errs).extracting(FieldError::path).containsExactlyInAnyOrder(
                "schemaId", "version", "extra", "fields.a b", "actions.make.when", "actions.make.params.p.min",
                "actions.9bad");
    }

    @Test
    void typosInFastPathReferences() {
        List<FieldError> errs = errors(schema(creating("{`set`: `n`, `to`: `params.q`}, {`set`: `s`, `to`: `state.zz`}")));
        assertThat(errs).extracting(FieldError::reason).containsExactly("unknown parameter 'q'", "unknown field 'zz'");
    }

    @Test
    void everyErrorIsCollected() {
        List<FieldError> errs = errors("{`schemaId`: `thing`, `version`: 1, `fields`: {`a`: {`type`: `nope`}},"
                + " `actions`: {`make`: {`creates`: true, `allow`: [`)`], `require`: [{`rule`: `(`}],"
                + " `reduce`: [{`set`: `a`, `to`: `]`}]}}}");
        assertThat(errs).hasSize(4);
    }

    @Test
    void notAnObject() {
        assertThatThrownBy(() -> Fixtures.COMPILER.compile(Fixtures.json("[]")))
                .isInstanceOfSatisfying(OperaDbException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_SCHEMA));
    }
}
