package io.operadb.api.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.Fixtures;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every built-in module is a valid schema document, version 1, named like its file. */
class BuiltinModulesCompileTest {

    @Test
    void the_index_lists_the_seven_modules_and_each_compiles_as_version_1() {
        List<String> files = Modules.index();
        assertThat(files).containsExactly("coin.json", "asset.json", "commodity.json", "data.json", "contract.json",
                "group.json", "actor.json");
        for (String file : files) {
            JsonNode document = Modules.document(file);
            CompiledSchema schema = Fixtures.COMPILER.compile(document);
            assertThat(schema.schemaId() + ".json").isEqualTo(file);
            assertThat(schema.version()).isEqualTo(1);
            assertThat(schema.description()).as(file).isPresent();
        }
    }

    @Test
    void the_modules_use_the_general_language_features() {
        assertThat(Modules.compile("coin").uniqueFields()).containsExactly("symbol");
        assertThat(Modules.compile("actor").uniqueFields()).containsExactly("actorId");
        assertThat(Modules.compile("contract").workflowField()).contains("status");
        assertThat(Modules.compile("group").grantsRoles()).hasValueSatisfying(g -> {
            assertThat(g.membersField()).isEqualTo("members");
            assertThat(g.rolesField()).isEqualTo("roles");
        });
    }
}
