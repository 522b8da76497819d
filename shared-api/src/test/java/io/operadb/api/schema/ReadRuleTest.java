package io.operadb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The read rule language: what it accepts, what it names as unsupported, and how roles decide it. */
class ReadRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SchemaCompiler compiler = new SchemaCompiler();

    private CompiledSchema compile(String... read) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree("""
                {"schemaId": "deed", "version": 1,
                 "fields": {"owner": {"type": "actor"}, "title": {"type": "string"}, "n": {"type": "integer"},
                            "parties": {"type": "array", "items": {"type": "actor"}},
                            "shares": {"type": "map", "values": {"type": "integer"}},
                            "meta": {"type": "object", "fields": {"keeper": {"type": "actor"}}}},
                 "actions": {"make": {"creates": true, "reduce": [{"set": "owner", "to": "actor"}]}}}""");
        doc.set("read", JSON.valueToTree(List.of(read)));
        return compiler.compile(doc);
    }

    @Test
    void a_schema_without_read_is_readable_by_every_actor_of_the_account() throws Exception {
        ObjectNode doc = (ObjectNode) compile("true").document().deepCopy();
        doc.remove("read");
        assertThat(compiler.compile(doc).readRule()).isEmpty();
    }

    @Test
    void roles_relations_and_combinations_parse_into_a_rule() throws Exception {
        ReadRule rule = compile("role:auditor", "actor == state.owner || (actor in state.parties && 'x' in actorRoles)",
                "actor in state.shares", "state.meta.keeper == actor").readRule().orElseThrow();
        assertThat(rule).isEqualTo(new ReadRule.AnyOf(List.of(
                new ReadRule.HasRole("auditor"),
                new ReadRule.AnyOf(List.of(new ReadRule.ActorIs("owner"), new ReadRule.AllOf(List.of(
                        new ReadRule.ActorIn("parties", false), new ReadRule.HasRole("x"))))),
                new ReadRule.ActorIn("shares", true),
                new ReadRule.ActorIs("meta.keeper"))));
    }

    @Test
    void a_state_field_compares_to_a_literal_of_its_own_type() throws Exception {
        ReadRule rule = compile("state.title != 'secret' && state.n == 3").readRule().orElseThrow();
        assertThat(rule).isEqualTo(new ReadRule.AllOf(List.of(new ReadRule.StateEquals("title", "secret", true),
                new ReadRule.StateEquals("n", 3L, false))));
        OperaDbException e = catchThrowableOfType(OperaDbException.class, () -> compile("state.n == 'three'"));
        assertThat(e.problem().errors().get(0).reason()).contains("not a string field");
    }

    @Test
    void roles_are_decided_before_a_rule_reaches_the_database() throws Exception {
        ReadRule rule = compile("role:auditor", "actor == state.owner && 'lead' in actorRoles").readRule()
                .orElseThrow();
        assertThat(rule.forRoles(Set.of("auditor"))).isEqualTo(new ReadRule.Constant(true));
        assertThat(rule.forRoles(Set.of("lead"))).isEqualTo(new ReadRule.ActorIs("owner"));
        assertThat(rule.forRoles(Set.of())).isEqualTo(new ReadRule.Constant(false));
    }

    @Test
    void anything_outside_the_language_is_refused_naming_the_alternative() {
        OperaDbException e = catchThrowableOfType(OperaDbException.class, () -> compile("role:auditor",
                "state.n > 3", "actor == state.title || actor == state.nope", "actor in state.owner", "size(x)",
                "actor == state.n"));
        assertThat(e.problem().errors()).extracting(FieldError::path)
                .containsExactly("read[1]", "read[2]", "read[3]", "read[4]", "read[5]");
        assertThat(e.problem().errors().get(1).reason()).contains("state.nope is not a declared field");
        assertThat(e.problem().errors().get(2).reason()).contains("neither an array nor a map");
    }

    @Test
    void read_must_be_a_non_empty_array_of_strings() throws Exception {
        JsonNode doc = compile("true").document();
        ObjectNode empty = ((ObjectNode) doc.deepCopy()).set("read", JSON.createArrayNode());
        OperaDbException e = catchThrowableOfType(OperaDbException.class, () -> compiler.compile(empty));
        assertThat(e.problem().errors()).extracting(FieldError::path).containsExactly("read");
        ObjectNode numbers = ((ObjectNode) doc.deepCopy()).set("read", JSON.valueToTree(List.of(1)));
        e = catchThrowableOfType(OperaDbException.class, () -> compiler.compile(numbers));
        assertThat(e.problem().errors()).extracting(FieldError::path).containsExactly("read[0]");
    }
}
