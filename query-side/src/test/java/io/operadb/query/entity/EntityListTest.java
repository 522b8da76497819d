package io.operadb.query.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.operadb.query.support.QueryClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** Listing entities: filters on state and metadata, sorting, limits and keyset pagination, and hostile input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntityListTest extends SharedQuerySideTest {

    private static final String WALLET = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";

    private String account;
    private String tickets;

    /**
     * Twelve tickets. id, points, status, price, label, created by:
     * t-01 0 open 9.99 -, t-02 1 open 100.5 ops, t-03 2 assigned 100.51 ops, t-04 3 closed 800.25 -,
     * t-05 4 open 999.99 dev, t-06 5 open 1000 -, t-07 2 assigned - dev, t-08 3 open 0.1 -,
     * t-09 0 closed - -, t-10 5 open 100.50 ops, t-11 1 assigned 12 -, t-12 4 open - Printer
     * (titles "Printer 01".."Printer 06" then "Scanner 07".."Scanner 12"; odd ids by alice, even ids by a wallet).
     */
    @BeforeAll
    void twelveTickets() {
        wireClients();
        account = newAccount("list");
        tickets = "/api/accounts/" + account + "/entities/ticket";
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        int[] points = {0, 1, 2, 3, 4, 5, 2, 3, 0, 5, 1, 4};
        String[] status = {"open", "open", "assigned", "closed", "open", "open", "assigned", "open", "closed", "open",
                "assigned", "open"};
        String[] price = {"9.99", "100.5", "100.51", "800.25", "999.99", "1000", null, "0.1", null, "100.50", "12",
                null};
        String[] label = {null, "ops", "ops", null, "dev", null, "dev", null, null, "ops", null, "Printer"};
        for (int i = 0; i < 12; i++) {
            String id = String.format("t-%02d", i + 1);
            String title = (i < 6 ? "Printer " : "Scanner ") + String.format("%02d", i + 1);
            StringBuilder params = new StringBuilder("{`title`: `" + title + "`, `points`: " + points[i]);
            if (price[i] != null) {
                params.append(", `price`: `").append(price[i]).append('`');
            }
            if (label[i] != null) {
                params.append(", `label`: `").append(label[i]).append('`');
            }
            params.append('}');
            String creator = i % 2 == 0 ? ALICE : WALLET;
            commands.create(account, "ticket", id, params.toString(), creator);
            if (!"open".equals(status[i])) {
                commands.run(account, "ticket", id, "assign", "{`assignee`: `user:carol`}", BOB);
            }
            if ("closed".equals(status[i])) {
                commands.run(account, "ticket", id, "close", "{}", BOB);
            }
        }
        awaitProjections();
    }

    @Test
    void equalityOnAStateField() {
        assertThat(ids("state.status=open")).containsExactly("t-01", "t-02", "t-05", "t-06", "t-08", "t-10", "t-12");
        assertThat(ids("state.status=closed")).containsExactly("t-04", "t-09");
        assertThat(ids("state.status=closed&state.points=3")).containsExactly("t-04");
        assertThat(ids("state.status[ne]=open")).containsExactly("t-03", "t-04", "t-07", "t-09", "t-11");
    }

    @Test
    void integerRangesCompareNumbers() {
        assertThat(ids("state.points[gte]=2")).containsExactly("t-03", "t-04", "t-05", "t-06", "t-07", "t-08", "t-10",
                "t-12");
        assertThat(ids("state.points[gt]=2&state.points[lte]=4")).containsExactly("t-04", "t-05", "t-08", "t-12");
        assertThat(ids("state.points[lt]=1")).containsExactly("t-01", "t-09");
        assertThat(ids("version[gte]=2")).containsExactly("t-03", "t-04", "t-07", "t-09", "t-11");
    }

    @Test
    void decimalRangesCompareExactlyAsNumbersNotAsText() {
        assertThat(ids("state.price[gt]=100.5")).containsExactly("t-03", "t-04", "t-05", "t-06");
        assertThat(ids("state.price[gte]=100.50&state.price[lte]=800.250")).containsExactly("t-02", "t-03", "t-04",
                "t-10");
        assertThat(ids("state.price[gte]=999.995")).containsExactly("t-06");
        assertThat(ids("state.price[lt]=12")).containsExactly("t-01", "t-08");
        assertThat(ids("state.price=100.5")).containsExactly("t-02", "t-10");
        assertThat(ids("state.price=1000.000")).containsExactly("t-06");
        assertThat(ids("state.price[in]=0.1,12")).containsExactly("t-08", "t-11");
    }

    @Test
    void inExistsAndPrefix() {
        assertThat(ids("state.status[in]=assigned,closed")).containsExactly("t-03", "t-04", "t-07", "t-09", "t-11");
        assertThat(ids("state.points[in]=0,5")).containsExactly("t-01", "t-06", "t-09", "t-10");
        assertThat(ids("state.status[nin]=open,assigned")).containsExactly("t-04", "t-09");
        assertThat(ids("state.label[exists]=true")).containsExactly("t-02", "t-03", "t-05", "t-07", "t-10", "t-12");
        assertThat(ids("state.label[exists]=false")).containsExactly("t-01", "t-04", "t-06", "t-08", "t-09", "t-11");
        assertThat(ids("state.price[exists]=false")).containsExactly("t-07", "t-09", "t-12");
        assertThat(ids("state.title[prefix]=Printer")).containsExactly("t-01", "t-02", "t-03", "t-04", "t-05",
                "t-06");
        assertThat(ids("state.title[prefix]=" + enc("Scanner 1"))).containsExactly("t-10", "t-11", "t-12");
        assertThat(ids("id[prefix]=t-1")).containsExactly("t-10", "t-11", "t-12");
    }

    @Test
    void metadataFilters() {
        assertThat(ids("createdBy=" + ALICE)).containsExactly("t-01", "t-03", "t-05", "t-07", "t-09", "t-11");
        assertThat(ids("createdBy=" + WALLET.toLowerCase())).containsExactly("t-02", "t-04", "t-06", "t-08", "t-10",
                "t-12");
        assertThat(ids("updatedBy=" + BOB)).containsExactly("t-03", "t-04", "t-07", "t-09", "t-11");
        assertThat(ids("state.assignee=user:carol&state.status=assigned")).containsExactly("t-03", "t-07", "t-11");
        assertThat(ids("createdAt[lt]=" + enc("2999-01-01T00:00:00Z"))).hasSize(12);
        assertThat(ids("createdAt[gte]=" + enc("2999-01-01T00:00:00+01:00"))).isEmpty();
        String t06 = list("id=t-06").items().get(0).path("createdAt").asText();
        assertThat(ids("createdAt=" + enc(t06) + "&id[prefix]=t-0")).contains("t-06");
        assertThat(ids("updatedAt[gt]=" + enc(t06) + "&state.status=open")).containsExactly("t-08", "t-10", "t-12");
    }

    @Test
    void aWalletActorMatchesWhateverItsCase() {
        assertThat(ids("createdBy=" + WALLET)).as("wallet addresses compare case-insensitively")
                .containsExactly("t-02", "t-04", "t-06", "t-08", "t-10", "t-12");
        assertThat(ids("updatedBy=" + WALLET.toUpperCase().replace("0X", "0x"))).containsExactly("t-02", "t-06",
                "t-08", "t-10", "t-12");
    }

    @Test
    void bracketsWorkRawAndPercentEncoded() {
        List<String> raw = ids("state.points[gte]=2&state.status[in]=open,closed");
        List<String> encoded = ids("state.points%5Bgte%5D=2&state.status%5Bin%5D=open%2Cclosed");
        List<String> lowerHex = ids("state.points%5bgte%5d=2&state.status%5bin%5d=open,closed");
        assertThat(raw).containsExactly("t-04", "t-05", "t-06", "t-08", "t-10", "t-12");
        assertThat(encoded).isEqualTo(raw);
        assertThat(lowerHex).isEqualTo(raw);
    }

    @Test
    void sortDescendingByAStateField() {
        List<JsonNode> items = list("sort=-state.points&limit=500").items();
        assertThat(items).hasSize(12);
        assertThat(items.stream().map(i -> i.path("state").path("points").asLong()).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        // ties broken by id, in the same direction
        assertThat(items.stream().map(i -> i.path("id").asText()).toList())
                .containsExactly("t-10", "t-06", "t-12", "t-05", "t-08", "t-04", "t-07", "t-03", "t-11", "t-02",
                        "t-09", "t-01");
        assertThat(ids("sort=state.price&state.price[exists]=true")).containsExactly("t-08", "t-01", "t-11", "t-02",
                "t-10", "t-03", "t-04", "t-05", "t-06");
        assertThat(ids("sort=-id&state.status=closed")).containsExactly("t-09", "t-04");
    }

    @Test
    void everySortPagesThroughEachEntityExactlyOnceInOrder() {
        for (String sort : List.of("id", "-id", "state.points", "-state.points", "state.price", "-state.price",
                "state.label", "-state.label", "createdAt", "-updatedAt", "version", "-version")) {
            List<String> whole = ids("sort=" + sort + "&limit=500");
            for (int size : new int[]{1, 2, 5}) {
                List<String> paged = pageThrough("sort=" + sort, size);
                assertThat(paged).as("sort " + sort + " in pages of " + size).isEqualTo(whole);
            }
            assertThat(whole).as(sort).hasSize(12).doesNotHaveDuplicates();
        }
    }

    @Test
    void limitAbove500IsRefused() {
        assertThat(list("limit=500").items()).hasSize(12);
        assertThat(list("limit=3").items()).hasSize(3);
        for (String limit : List.of("501", "0", "-1", "many")) {
            Response response = http.get(tickets + "?limit=" + limit);
            assertThat(response.status()).as(limit).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.errorPaths()).as(limit).containsExactly("query.limit");
        }
    }

    @Test
    void unknownFieldsOperatorsAndValuesAre400WithTheirPaths() {
        assertThat(bad("state.nope=1")).containsExactly("query.state.nope");
        assertThat(bad("state.points[regex]=1")).containsExactly("query.state.points[regex]");
        assertThat(bad("state.points%5Bwhere%5D=1")).containsExactly("query.state.points[where]");
        assertThat(bad("colour=red")).containsExactly("query.colour");
        assertThat(bad("state.points[gte]=two")).containsExactly("query.state.points[gte]");
        assertThat(bad("state.points[gte]=2.5")).containsExactly("query.state.points[gte]");
        assertThat(bad("state.price[lt]=cheap")).containsExactly("query.state.price[lt]");
        assertThat(bad("state.label[exists]=maybe")).containsExactly("query.state.label[exists]");
        assertThat(bad("createdAt[gte]=yesterday")).containsExactly("query.createdAt[gte]");
        assertThat(bad("sort=state.nope")).containsExactly("query.sort");
        assertThat(bad("state.nope=1&state.points[foo]=2")).containsExactlyInAnyOrder("query.state.nope",
                "query.state.points[foo]");
    }

    @Test
    void mongoOperatorsInValuesAreMatchedLiterallyAndNeverActAsOperators() {
        for (String query : List.of(
                "state.status=$ne",
                "state.status=" + enc("$ne"),
                "state.status[eq]=" + enc("{\"$gt\":\"\"}"),
                "state.status=" + enc("{\"$ne\":null}"),
                "state.status[ne]=open&state.status=" + enc("{\"$exists\":true}"),
                "state.status[in]=" + enc("$exists,{\"$gt\":\"\"}"),
                "state.title[prefix]=" + enc(".*"),
                "state.title[prefix]=" + enc("^"),
                "state.title[prefix]=" + enc("\\E.*"),
                "state.title[gte]=" + enc("{\"$gt\":\"\"}"),
                "id=" + enc("{\"$gt\":\"\"}"),
                "createdBy=" + enc("{\"$ne\":\"x\"}"))) {
            Response response = http.get(tickets + "?" + query);
            assertThat(response.status()).as(query + " -> " + response.text()).isEqualTo(200);
            assertThat(response.items()).as(query).isEmpty();
        }
    }

    @Test
    void operatorsSmuggledIntoParameterNamesAreRefused() {
        for (String query : List.of("state.status[$ne]=x", "state.status%5B%24ne%5D=x", "state[$where]=1",
                "state.status.$gt=", "state.$where=1", "$where=1", "state.status[ne][ne]=x")) {
            Response response = http.get(tickets + "?" + query);
            assertThat(response.status()).as(query + " -> " + response.text()).isEqualTo(400);
            assertThat(response.errorPaths()).as(query).hasSize(1);
            assertThat(response.errorPaths().get(0)).as(query).startsWith("query.");
        }
    }

    @Test
    void aForgedCursorIsRefused() {
        Response first = list("limit=2&sort=state.points");
        assertThat(first.next()).isNotNull();
        assertThat(list("limit=2&sort=state.points&after=" + first.next()).items()).hasSize(2);

        for (String forged : List.of(
                cursor("{\"v\": {\"$gt\": \"\"}, \"id\": \"x\"}"),
                cursor("{\"v\": 1, \"id\": {\"$gt\": \"\"}}"),
                cursor("{\"v\": 1, \"id\": {\"$ne\": null}}"),
                cursor("{\"v\": [1, 2], \"id\": \"x\"}"),
                cursor("{\"v\": {\"$regex\": \".*\", \"$options\": \"\"}, \"id\": \"\"}"),
                cursor("{\"v\": {\"$where\": \"true\"}, \"id\": \"\"}"),
                cursor("{\"v\": {\"$code\": \"function(){return true}\"}, \"id\": \"\"}"),
                cursor("not json"),
                cursor("[1, 2]"),
                "!!!not-base64!!!")) {
            Response response = http.get(tickets + "?sort=state.points&after=" + enc(forged));
            assertThat(response.status()).as(forged + " -> " + response.text()).isEqualTo(400);
            assertThat(response.errorPaths()).as(forged).containsExactly("query.after");
        }
    }

    private static String cursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> bad(String query) {
        Response response = http.get(tickets + "?" + query);
        assertThat(response.status()).as(query + " -> " + response.text()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.problemType()).endsWith("/invalid-input");
        return response.errorPaths();
    }

    private List<String> ids(String query) {
        return list(query).itemIds();
    }

    private Response list(String query) {
        Response response = http.get(tickets + "?" + query);
        assertThat(response.status()).as(query + " -> " + response.text()).isEqualTo(200);
        return response;
    }

    private List<String> pageThrough(String query, int size) {
        List<String> all = new ArrayList<>();
        String after = null;
        Set<String> cursors = new HashSet<>();
        do {
            Response page = list(query + "&limit=" + size + (after == null ? "" : "&after=" + enc(after)));
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            all.addAll(page.itemIds());
            after = page.next();
            assertThat(after == null || cursors.add(after)).as("a cursor repeats: " + after).isTrue();
            assertThat(all.size()).as("paging does not end").isLessThan(1000);
        } while (after != null);
        return all;
    }
}
