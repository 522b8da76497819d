package io.operadb.command.api;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.RunActionCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.command.grant.RoleGrants;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Set;

import static io.operadb.command.api.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Roles granted through a group count as the actor's roles in allow rules, from its next command on. */
class RoleGrantsApiTest extends CommandApiTest {

    @Autowired
    RoleGrants roleGrants;

    @Autowired
    CommandGateway commands;

    @Autowired
    MongoTemplate mongo;

    private String accountWithCoin() {
        String account = accountWithActors();
        expectStatus(api.post("/api/accounts/" + account + "/entities/coin", OWNER,
                json("{`id`:`TCN`,`data`:{`symbol`:`TCN`,`decimals`:0,`totalSupply`:100}}")), 201);
        return account;
    }

    private HttpApi.Response mint(String account, String actor) {
        return api.post("/api/accounts/" + account + "/entities/coin/TCN/mint", actor,
                json("{`data`:{`to`:`" + actor + "`,`amount`:1}}"));
    }

    @Test
    void a_member_of_a_group_granting_minter_may_mint_at_once_and_not_after_leaving_it() {
        String account = accountWithCoin();
        expectProblem(mint(account, BOB), 403, "forbidden");

        expectStatus(api.post("/api/accounts/" + account + "/entities/group", OWNER,
                json("{`id`:`minters`,`data`:{`name`:`Minters`,`roles`:[`minter`],`members`:[`user:bob`]}}")), 201);
        expectStatus(mint(account, BOB), 200);
        expectProblem(mint(account, LEAD), 403, "forbidden");

        expectStatus(api.post("/api/accounts/" + account + "/entities/group/minters/addMember", OWNER,
                json("{`data`:{`member`:`user:lead`}}")), 200);
        expectStatus(mint(account, LEAD), 200);

        expectStatus(api.post("/api/accounts/" + account + "/entities/group/minters/removeMember", OWNER,
                json("{`data`:{`member`:`user:bob`}}")), 200);
        expectProblem(mint(account, BOB), 403, "forbidden");

        expectStatus(api.post("/api/accounts/" + account + "/entities/group/minters/removeRole", OWNER,
                json("{`data`:{`role`:`minter`}}")), 200);
        expectProblem(mint(account, LEAD), 403, "forbidden");
    }

    @Test
    void a_non_admin_cannot_make_a_group_and_grant_itself_roles() {
        String account = accountWithCoin();
        expectProblem(api.post("/api/accounts/" + account + "/entities/group", BOB,
                json("{`id`:`mine`,`data`:{`name`:`Mine`,`roles`:[`minter`],`members`:[`user:bob`]}}")), 403,
                "forbidden");
        expectProblem(mint(account, BOB), 403, "forbidden");
    }

    @Test
    void grants_made_elsewhere_arrive_through_the_role_grants_processor() throws Exception {
        String account = accountWithCoin();
        expectStatus(api.post("/api/accounts/" + account + "/entities/group", OWNER,
                json("{`id`:`g`,`data`:{`name`:`G`,`roles`:[`auditor`]}}")), 201);
        // as another command-side process would: straight to the aggregate, not through this controller
        commands.sendAndWait(new RunActionCommand(AggregateIds.entity(account, "group", "g"), account, "group", "g",
                "addMember", HttpApi.JSON.readTree("{\"member\":\"user:bob\"}"),
                new ActorContext(OWNER, Set.of("admin")), null, null));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!roleGrants.rolesOf(account, BOB).contains("auditor") && System.nanoTime() < deadline) {
            roleGrants.evict(account);
            Thread.sleep(20);
        }
        assertThat(roleGrants.rolesOf(account, BOB)).containsExactly("auditor");
    }

    @Test
    void grants_are_rebuilt_from_the_events_when_the_index_lost_them() {
        String account = accountWithCoin();
        expectStatus(api.post("/api/accounts/" + account + "/entities/group", OWNER,
                json("{`id`:`m`,`data`:{`name`:`M`,`roles`:[`minter`],`members`:[`user:bob`]}}")), 201);
        expectStatus(api.post("/api/accounts/" + account + "/entities/group/m/addRole", OWNER,
                json("{`data`:{`role`:`auditor`}}")), 200);
        mongo.getCollection(RoleGrants.COLLECTION).deleteMany(new org.bson.Document("account", account));
        roleGrants.evict(account);

        // the role-grants processor may still be applying these events and rebuild the entry itself first: either
        // way the entry is rebuilt from the entity's events, which is what this test is about
        roleGrants.catchUp(account, "group", "m");
        assertThat(roleGrants.rolesOf(account, BOB)).containsExactlyInAnyOrder("minter", "auditor");
        assertThat(mongo.getCollection(RoleGrants.COLLECTION).find(new org.bson.Document("_id", account + "/group/m"))
                .first().get("version", Number.class).longValue()).isEqualTo(2);
        assertThat(roleGrants.catchUp(account, "group", "m")).as("nothing newer").isFalse();
    }
}
