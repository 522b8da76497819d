package io.operadb.api.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaEvolution;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.operadb.api.Fixtures.COMPILER;
import static io.operadb.api.Fixtures.json;
import static io.operadb.api.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The publish-time compatibility check between consecutive schema versions, and the shape of {@code migrate}. */
class SchemaEvolutionTest {

    static final JsonNode V1 = resource("evolution/stock-v1.json");
    static final JsonNode V2 = resource("evolution/stock-v2.json");
    static final JsonNode V3 = resource("evolution/stock-v3.json");

    @Test
    void versions_whose_migrations_cover_every_change_are_compatible() {
        assertThatCode(() -> SchemaEvolution.requireCompatible(COMPILER.compile(V1), COMPILER.compile(V2)))
                .doesNotThrowAnyException();
        assertThatCode(() -> SchemaEvolution.requireCompatible(COMPILER.compile(V2), COMPILER.compile(V3)))
                .doesNotThrowAnyException();
    }

    @Test
    void without_its_migration_version_2_is_refused_naming_the_removed_required_field_and_the_new_required_one() {
        OperaDbException e = refused(V1, withoutMigration(V2));
        // qty was optional: dropping it is allowed; legacy was required; unit is new, required and has no default
        assertThat(paths(e)).containsExactlyInAnyOrder("fields.legacy", "fields.unit");
        assertThat(e.problem().detail()).contains("version 2 of stock").contains("version 1");
        assertThat(reason(e, "fields.legacy")).contains("was removed").contains("migrate.drop");
        assertThat(reason(e, "fields.unit")).contains("migrate.defaults.unit");
    }

    @Test
    void a_changed_type_without_an_expression_is_refused_naming_the_field() {
        OperaDbException e = refused(V2, withoutMigration(V3));
        assertThat(paths(e)).containsExactly("fields.quantity");
        assertThat(reason(e, "fields.quantity")).contains("from integer to decimal").contains("migrate.set.quantity");
    }

    @Test
    void a_field_made_required_needs_a_default_and_a_default_is_enough() {
        JsonNode v1 = json("{`schemaId`:`tt`,`version`:1,`fields`:{`a`:{`type`:`string`}},"
                + "`actions`:{`c`:{`creates`:true}}}");
        JsonNode v2 = json("{`schemaId`:`tt`,`version`:2,`fields`:{`a`:{`type`:`string`,`required`:true}},"
                + "`actions`:{`c`:{`creates`:true,`reduce`:[{`set`:`a`,`to`:`'x'`}]}}}");
        assertThat(paths(refused(v1, v2))).containsExactly("fields.a");
        ((ObjectNode) v2).set("migrate", json("{`from`:1,`defaults`:{`a`:`'none'`}}"));
        assertThatCode(() -> SchemaEvolution.requireCompatible(COMPILER.compile(v1), COMPILER.compile(v2)))
                .doesNotThrowAnyException();
    }

    @Test
    void changes_inside_objects_arrays_maps_and_refs_are_named_by_their_document_path() {
        JsonNode v1 = json("{`schemaId`:`tt`,`version`:1,`fields`:{"
                + "`address`:{`type`:`object`,`fields`:{`city`:{`type`:`string`,`required`:true}}},"
                + "`tags`:{`type`:`array`,`items`:{`type`:`string`}},"
                + "`scores`:{`type`:`map`,`values`:{`type`:`integer`}},"
                + "`coin`:{`type`:`ref`,`schema`:`coin`},"
                + "`extra`:{`type`:`object`}},"
                + "`actions`:{`c`:{`creates`:true}}}");
        JsonNode v2 = json("{`schemaId`:`tt`,`version`:2,`fields`:{"
                + "`address`:{`type`:`object`,`fields`:{`town`:{`type`:`string`},`zip`:{`type`:`string`,`required`:true}}},"
                + "`tags`:{`type`:`array`,`items`:{`type`:`integer`}},"
                + "`scores`:{`type`:`map`,`values`:{`type`:`decimal`}},"
                + "`coin`:{`type`:`ref`,`schema`:`asset`},"
                + "`extra`:{`type`:`object`,`fields`:{`k`:{`type`:`string`}}}},"
                + "`actions`:{`c`:{`creates`:true}}}");
        assertThat(paths(refused(v1, v2))).containsExactlyInAnyOrder("fields.address.fields.city",
                "fields.address.fields.zip", "fields.tags.items", "fields.scores.values", "fields.coin",
                "fields.extra");
        // one expression for a top-level field covers everything inside it
        ((ObjectNode) v2).set("migrate", json("{`from`:1,`set`:{`address`:`{'zip': '0000'}`,`tags`:`[]`,"
                + "`scores`:`{}`,`coin`:`null`,`extra`:`{}`}}"));
        assertThatCode(() -> SchemaEvolution.requireCompatible(COMPILER.compile(v1), COMPILER.compile(v2)))
                .doesNotThrowAnyException();
    }

    @Test
    void widening_is_compatible_without_a_migration_new_optional_fields_and_closed_to_free_form_objects() {
        JsonNode v1 = json("{`schemaId`:`tt`,`version`:1,`fields`:{`a`:{`type`:`string`,`required`:true},"
                + "`o`:{`type`:`object`,`fields`:{`x`:{`type`:`integer`}}}},`actions`:{`c`:{`creates`:true,"
                + "`reduce`:[{`set`:`a`,`to`:`'a'`}]}}}");
        JsonNode v2 = json("{`schemaId`:`tt`,`version`:2,`fields`:{`a`:{`type`:`string`},`b`:{`type`:`integer`},"
                + "`o`:{`type`:`object`}},`actions`:{`c`:{`creates`:true}}}");
        assertThatCode(() -> SchemaEvolution.requireCompatible(COMPILER.compile(v1), COMPILER.compile(v2)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_rename_of_a_field_the_previous_version_does_not_have_or_onto_a_kept_field_is_refused() {
        ObjectNode v2 = V2.deepCopy();
        ((ObjectNode) v2.get("migrate")).set("rename", json("{`qty`:`quantity`,`amount`:`name`}"));
        assertThat(paths(refused(V1, v2))).containsExactly("migrate.rename.amount");
        ObjectNode onto = V2.deepCopy();
        ((ObjectNode) onto.get("migrate")).set("rename", json("{`qty`:`quantity`,`legacy`:`name`}"));
        ((ObjectNode) onto.get("migrate")).remove("drop");
        assertThat(reason(refused(V1, onto), "migrate.rename.legacy")).contains("'name' is already a field");
    }

    @Test
    void a_migration_expression_reading_a_field_neither_version_has_is_refused() {
        ObjectNode v3 = V3.deepCopy();
        ((ObjectNode) v3.get("migrate").get("set")).put("note", "state.remark");
        assertThat(paths(refused(V2, v3))).containsExactly("migrate.set.note");
    }

    @Test
    void the_shape_of_migrate_is_checked_when_the_document_is_compiled_400_with_paths() {
        ObjectNode bad = V2.deepCopy();
        bad.set("migrate", json("{`from`:3,`rename`:{`qty`:`amount`},`defaults`:{`colour`:`'red'`},"
                + "`set`:{`name`:`params.name`,`unit`:`timestamp`},`drop`:`legacy`,`upcast`:true}"));
        OperaDbException e = catchThrowableOfType(() -> COMPILER.compile(bad), OperaDbException.class);
        assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_SCHEMA);
        assertThat(paths(e)).containsExactlyInAnyOrder("migrate.from", "migrate.rename.qty",
                "migrate.defaults.colour", "migrate.set.name", "migrate.set.unit", "migrate.drop", "migrate.upcast");
        assertThat(reason(e, "migrate.set.name")).contains("only 'state'");

        ObjectNode first = V1.deepCopy();
        first.set("migrate", json("{`from`:0}"));
        assertThat(paths(catchThrowableOfType(() -> COMPILER.compile(first), OperaDbException.class)))
                .containsExactly("migrate.from");
    }

    @Test
    void the_declared_migration_is_visible_on_the_compiled_schema() {
        assertThat(COMPILER.compile(V3).migratesFrom()).hasValue(2);
        assertThat(COMPILER.compile(V1).migratesFrom()).isEmpty();
    }

    static OperaDbException refused(JsonNode previous, JsonNode next) {
        CompiledSchema p = COMPILER.compile(previous);
        CompiledSchema n = COMPILER.compile(next);
        OperaDbException e = catchThrowableOfType(() -> SchemaEvolution.requireCompatible(p, n),
                OperaDbException.class);
        assertThat(e).as("expected %s v%s to be refused after v%s", n.schemaId(), n.version(), p.version())
                .isNotNull();
        assertThat(e.kind()).isEqualTo(ProblemKind.INCOMPATIBLE_SCHEMA);
        assertThat(e.kind().status()).isEqualTo(422);
        return e;
    }

    static JsonNode withoutMigration(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("migrate");
        return copy;
    }

    static List<String> paths(OperaDbException e) {
        return e.problem().errors().stream().map(FieldError::path).toList();
    }

    static String reason(OperaDbException e, String path) {
        return e.problem().errors().stream().filter(f -> f.path().equals(path)).map(FieldError::reason).findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + path + " in " + e.problem().errors()));
    }
}
