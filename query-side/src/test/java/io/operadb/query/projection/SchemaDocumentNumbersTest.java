package io.operadb.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.query.support.QueryClient.Response;
import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema document reaches the query side as the event's JSON tree; from there on the query side must keep its
 * numbers exactly as written (the document is served "exactly as published").
 */
class SchemaDocumentNumbersTest extends SharedQuerySideTest {

    @Autowired
    private LiveProjections projection;

    @Test
    void aSchemaDocumentHandedToTheProjectionIsServedWithItsNumbersExactlyAsWritten() throws Exception {
        String account = newAccount("numbers");
        commands.createAccount(account, ALICE);
        awaitProjections();
        JsonNode document = resource("ticket-v2.json");
        assertThat(document.toString()).contains("\"max\":100.0").contains("\"min\":0.50");

        projection.on(new SchemaPublishedEvent(account, "ticket", 2, document, ALICE, Instant.now()));

        for (String path : new String[]{"/schemas/ticket", "/schemas/ticket/versions/2"}) {
            Response served = http.get("/api/accounts/" + account + path);
            assertThat(served.status()).as(served.text()).isEqualTo(200);
            assertThat(served.contentType()).startsWith("application/json");
            assertThat(served.text()).as(path).contains("\"max\":100.0").contains("\"min\":0.50")
                    .contains("\"max\":1000000.25").doesNotContain("1E+2");
            assertThat(served.body()).isEqualTo(document);
        }
    }
}
