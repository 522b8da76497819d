package io.operadb.query.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static io.operadb.query.support.QueryClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** Keyset pagination over 120 entities: every page is the next slice, whatever the sort and its ties. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysetPaginationTest extends SharedQuerySideTest {

    private static final int COUNT = 120;

    private String tickets;
    private List<String> allIds;

    /** 120 tickets: points cycle 0..6 (many ties), every third has no price, prices otherwise i * 1.25. */
    @BeforeAll
    void hundredAndTwentyTickets() {
        wireClients();
        String account = newAccount("pages");
        tickets = "/api/accounts/" + account + "/entities/ticket";
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        allIds = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String id = String.format("p-%03d", i);
            allIds.add(id);
            String price = i % 3 == 0 ? "" : ", `price`: `" + new BigDecimal(i).multiply(new BigDecimal("1.25")) + "`";
            commands.create(account, "ticket", id, "{`title`: `T" + i + "`, `points`: " + (i % 7) + price + "}",
                    i % 2 == 0 ? ALICE : BOB);
        }
        awaitProjections();
    }

    @Test
    void pagesOf25ByIdReturnEachEntityExactlyOnceInOrder() {
        List<Response> pages = pages("", 25);

        assertThat(pages).hasSize(5);
        assertThat(pages.subList(0, 4)).allSatisfy(p -> assertThat(p.items()).hasSize(25));
        assertThat(pages.get(4).items()).hasSize(20);
        assertThat(pages.get(4).next()).isNull();
        assertThat(ids(pages)).isEqualTo(allIds);
    }

    @Test
    void pagesOf25ByDescendingPointsReturnEachEntityExactlyOnceInOrder() {
        List<Response> pages = pages("sort=-state.points", 25);
        List<JsonNode> items = pages.stream().flatMap(p -> p.items().stream()).toList();

        assertThat(ids(pages)).hasSize(COUNT).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allIds);
        Comparator<JsonNode> byPointsThenId = Comparator.<JsonNode>comparingLong(i -> i.path("state").path("points")
                .asLong()).thenComparing(i -> i.path("id").asText());
        assertThat(items).isSortedAccordingTo(byPointsThenId.reversed());
    }

    @Test
    void pagesOverADecimalWithMissingValuesReturnEachEntityExactlyOnce() {
        for (String sort : List.of("state.price", "-state.price")) {
            List<Response> pages = pages("sort=" + sort, 25);
            List<String> ids = ids(pages);
            assertThat(ids).as(sort).hasSize(COUNT).doesNotHaveDuplicates();
            List<BigDecimal> prices = pages.stream().flatMap(p -> p.items().stream())
                    .map(i -> i.path("state").path("price"))
                    .map(p -> p.isMissingNode() ? null : new BigDecimal(p.asText())).toList();
            Comparator<BigDecimal> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
            assertThat(prices).as(sort).isSortedAccordingTo(sort.startsWith("-") ? nullsFirst.reversed() : nullsFirst);
        }
    }

    @Test
    void pagesOfAFilteredListStayWithinTheFilter() {
        List<Response> pages = pages("state.points[gte]=3&createdBy=" + ALICE + "&sort=-id", 7);
        List<String> expected = IntStream.range(0, COUNT).filter(i -> i % 7 >= 3 && i % 2 == 0).mapToObj(
                i -> String.format("p-%03d", i)).sorted(Comparator.reverseOrder()).toList();
        assertThat(ids(pages)).isEqualTo(expected);
    }

    private List<Response> pages(String query, int size) {
        List<Response> pages = new ArrayList<>();
        String after = null;
        do {
            Response page = http.get(tickets + "?" + query + "&limit=" + size
                    + (after == null ? "" : "&after=" + enc(after)));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            pages.add(page);
            after = page.next();
            assertThat(pages).as("paging does not end").hasSizeLessThan(200);
        } while (after != null);
        return pages;
    }

    private static List<String> ids(List<Response> pages) {
        return pages.stream().flatMap(p -> p.itemIds().stream()).toList();
    }
}
