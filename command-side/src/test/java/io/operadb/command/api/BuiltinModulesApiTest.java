package io.operadb.command.api;

import io.operadb.signing.TestIdentities;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.account.CreateAccountCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.command.builtin.BuiltinModules;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every account starts with the built-in modules, published as version 1 by system:operadb. */
class BuiltinModulesApiTest extends CommandApiTest {

    static final List<String> MODULES = List.of("coin", "asset", "commodity", "data", "contract", "group", "actor");

    @Autowired
    BuiltinModules builtinModules;

    @Autowired
    CommandGateway commands;

    private List<SchemaPublishedEvent> versions(String account, String schemaId) {
        return eventStore.readEvents(AggregateIds.schema(account, schemaId), 0L).asStream()
                .map(m -> (SchemaPublishedEvent) m.getPayload()).toList();
    }

    @Test
    void a_new_account_has_every_built_in_module_as_version_1_by_system_operadb() {
        assertThat(builtinModules.modules()).extracting(BuiltinModules.Module::schemaId)
                .containsExactlyElementsOf(MODULES);
        String account = accountWithActors();
        for (String module : MODULES) {
            assertThat(versions(account, module)).as(module).singleElement().satisfies(v -> {
                assertThat(v.version()).isEqualTo(1);
                assertThat(v.publishedBy()).isEqualTo(BuiltinModules.PUBLISHER);
                assertThat(v.document().path("schemaId").asText()).isEqualTo(module);
            });
        }
        expectStatus(api.post("/api/accounts/" + account + "/entities/coin", OWNER,
                json("{`id`:`TCN`,`data`:{`symbol`:`TCN`,`decimals`:2,`totalSupply`:1000}}")), 201);
    }

    @Test
    void an_admin_publishes_newer_versions_of_a_built_in_module_but_not_version_1_again() {
        String account = accountWithActors();
        ObjectNode coin = builtinModules.modules().get(0).document().deepCopy();
        expectProblem(api.post("/api/accounts/" + account + "/schemas", OWNER, coin.toString()), 409,
                "version-conflict");
        coin.put("version", 2).put("description", "our coin");
        expectStatus(api.post("/api/accounts/" + account + "/schemas", OWNER, coin.toString()), 201);
        assertThat(versions(account, "coin")).extracting(SchemaPublishedEvent::version).containsExactly(1, 2);
        expectProblem(api.post("/api/accounts/" + account + "/schemas", LEAD, coin.put("version", 3).toString()),
                403, "forbidden");
    }

    @Test
    void an_installation_cut_short_is_completed_by_the_accounts_next_request() {
        String account = newAccountName();
        // the account created without its modules, as if the process had stopped right after creating it
        commands.sendAndWait(new CreateAccountCommand(AggregateIds.account(account), account,
                new ActorRegistration(OWNER, List.of("admin"), List.of(new io.operadb.api.account.ActorKey("ed25519",
                        null, TestIdentities.keyOf(OWNER).publicPart().get("publicKey")))), OWNER));
        assertThat(versions(account, "coin")).isEmpty();

        expectStatus(api.post("/api/accounts/" + account + "/actors", OWNER,
                json("{`actorId`:`user:bob`,`roles`:[],`keys`:" + TestIdentities.keysJson("user:bob") + "}")), 201);

        for (String module : MODULES) {
            assertThat(versions(account, module)).as(module).hasSize(1);
        }
        builtinModules.installInto(account);
        assertThat(versions(account, "coin")).as("installing again changes nothing").hasSize(1);
    }

    @Test
    void a_module_the_account_already_has_is_left_alone() {
        String account = newAccountName();
        commands.sendAndWait(new CreateAccountCommand(AggregateIds.account(account), account,
                new ActorRegistration(OWNER, List.of("admin"), List.of(new io.operadb.api.account.ActorKey("ed25519",
                        null, TestIdentities.keyOf(OWNER).publicPart().get("publicKey")))), OWNER));
        ObjectNode own = builtinModules.modules().get(0).document().deepCopy();
        own.put("description", "an account's own coin, published before the built-ins");
        commands.sendAndWait(new io.operadb.api.schema.PublishSchemaCommand(AggregateIds.schema(account, "coin"),
                account, "coin", 1, own, OWNER));

        builtinModules.installInto(account);

        assertThat(versions(account, "coin")).singleElement()
                .satisfies(v -> assertThat(v.publishedBy()).isEqualTo(OWNER));
        assertThat(versions(account, "group")).hasSize(1);
    }
}
