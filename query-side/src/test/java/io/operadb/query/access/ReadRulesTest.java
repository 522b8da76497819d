package io.operadb.query.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.support.QueryClient;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema's read rule decides who reads its entities: lists are filtered in the query, a hidden entity is 404 on
 * every read path, roles come from the actor and from groups, and admins read everything.
 */
class ReadRulesTest extends SharedQuerySideTest {

    private static final String CAROL = "user:carol";
    private static final String DAVE = "user:dave";
    private static final String ERIN = "user:erin";

    private String account;
    private String base;

    @BeforeEach
    void deeds() {
        account = newAccount("read");
        base = "/api/accounts/" + account;
        commands.createAccount(account, ALICE);
        commands.registerActor(account, 1, BOB, List.of(), ALICE);
        commands.registerActor(account, 2, CAROL, List.of(), ALICE);
        commands.registerActor(account, 3, DAVE, List.of("auditor"), ALICE);
        commands.registerActor(account, 4, ERIN, List.of(), ALICE);
        commands.publishSchema(account, resource("deed-v1.json"));
        commands.publishSchema(account, resource("team-v1.json"));
        commands.create(account, "deed", "d-bob", "{`title`:`bob's`}", BOB);
        commands.create(account, "deed", "d-shared", "{`title`:`shared`,`parties`:[`" + BOB + "`]}", CAROL);
        commands.create(account, "deed", "d-carol", "{`title`:`carol's`}", CAROL);
        commands.create(account, "deed", "d-share", "{`title`:`shares`,`shares`:{`" + ERIN + "`:3}}", CAROL);
        commands.run(account, "deed", "d-carol", "retitle", "{`title`:`carol's own`}", CAROL);
        awaitProjections();
    }

    private List<String> listed(QueryClient client) {
        Response list = client.get(base + "/entities/deed?limit=50");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void a_list_holds_only_what_the_reader_may_see() {
        assertThat(listed(http.as(BOB))).containsExactlyInAnyOrder("d-bob", "d-shared");
        assertThat(listed(http.as(CAROL))).containsExactlyInAnyOrder("d-shared", "d-carol", "d-share");
        assertThat(listed(http.as(ERIN))).containsExactly("d-share");
        assertThat(listed(http.as(DAVE))).as("role:auditor").hasSize(4);
        assertThat(listed(http.as(ALICE))).as("an admin").hasSize(4);
    }

    @Test
    void paging_through_a_filtered_list_never_shows_a_hidden_entity() {
        List<String> seen = new ArrayList<>();
        String next = null;
        do {
            Response page = http.as(BOB).get(base + "/entities/deed?limit=1" + (next == null ? "" : "&after=" + next));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.body().path("items").forEach(item -> seen.add(item.path("id").asText()));
            next = page.body().path("next").isTextual() ? page.body().path("next").asText() : null;
        } while (next != null);
        assertThat(seen).containsExactlyInAnyOrder("d-bob", "d-shared");
    }

    @Test
    void a_hidden_entity_is_404_on_every_read_path_and_shows_none_of_its_data() {
        QueryClient bob = http.as(BOB);
        for (String path : List.of("/entities/deed/d-carol", "/entities/deed/d-carol?atVersion=1",
                "/entities/deed/d-carol?asOf=2100-01-01T00:00:00Z", "/entities/deed/d-carol/events",
                "/entities/deed/d-carol/diff?from=1&to=2")) {
            Response answer = bob.get(base + path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.text()).as(path).doesNotContain("carol's");
        }
        Response filtered = bob.get(base + "/entities/deed?state.title=carol%27s%20own");
        assertThat(filtered.body().path("items")).isEmpty();
        assertThat(bob.get(base + "/entities/deed/d-shared").status()).isEqualTo(200);
        assertThat(http.as(CAROL).get(base + "/entities/deed/d-carol/events").body().path("items")).hasSize(2);
    }

    @Test
    void roles_granted_by_a_group_count_in_read_rules() {
        assertThat(listed(http.as(ERIN))).containsExactly("d-share");
        commands.create(account, "team", "auditors", "{`members`:[`" + ERIN + "`],`roles`:[`auditor`]}", ALICE);
        awaitProjections();
        assertThat(listed(http.as(ERIN))).hasSize(4);
    }

    @Test
    void the_feed_shows_a_restricted_schemas_events_to_their_actor_admins_and_readers_by_role() {
        JsonNode bobsFeed = http.as(BOB).get(base + "/events?limit=100").body().path("items");
        List<String> bobSees = new ArrayList<>();
        bobsFeed.forEach(e -> bobSees.add(e.path("id").asText()));
        assertThat(bobSees).containsExactly("d-bob");
        assertThat(http.as(DAVE).get(base + "/events?limit=100").body().path("items")).hasSize(5);
        assertThat(http.as(ALICE).get(base + "/events?limit=100").body().path("items")).hasSize(5);
    }
}
