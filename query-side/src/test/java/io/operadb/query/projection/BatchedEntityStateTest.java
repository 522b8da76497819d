package io.operadb.query.projection;

import io.operadb.api.entity.EntityView;
import io.operadb.query.support.CommandSideStandIn;
import io.operadb.query.support.SharedQuerySideTest;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many events of one entity in one processor batch: the projection folds them in memory and writes the entity once,
 * and what it writes is exactly what folding them one at a time gives (the command side's reducer, here the stand-in's).
 */
class BatchedEntityStateTest extends SharedQuerySideTest {

    private static final int HOLDERS = 40;
    private static final int TRANSFERS = 99;

    @Test
    void aBatchOfTransfersOnOneLedgerEndsInTheStateOfFoldingThemOneByOne() {
        String account = newAccount("ledger");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ledger-v1.json"));
        StringBuilder opening = new StringBuilder("{`opening`: {");
        for (int holder = 0; holder < HOLDERS; holder++) {
            opening.append(holder == 0 ? "" : ", ").append("`h").append(holder).append("`: `100.00`");
        }
        CommandSideStandIn.Batch batch = commands.batch()
                .create(account, "ledger", "coin", opening.append("}}").toString(), ALICE);
        for (int i = 0; i < TRANSFERS; i++) {
            batch.run(account, "ledger", "coin", "transfer", "{`from`: `h" + (i % HOLDERS) + "`, `to`: `h"
                    + ((i * 7 + 3) % HOLDERS) + "`, `amount`: `" + (i % 5) + ".25`}", BOB);
        }
        batch.append(); // one append of a hundred events: the processor takes them as one batch
        awaitProjections();

        Document stored = mongo.getCollection("entities").find(new Document("_id", account + "/ledger/coin")).first();
        assertThat(stored).isNotNull();
        assertThat(stored.get("version", Number.class).longValue()).isEqualTo(TRANSFERS + 1);
        assertThat(new ArrayList<>(stored.keySet())).containsExactly("_id", "account", "schema", "id",
                "schemaVersion", "version", "state", "createdAt", "createdBy", "updatedAt", "updatedBy");
        Document balances = stored.get("state", Document.class).get("balances", Document.class);
        assertThat(balances.values()).allSatisfy(value -> assertThat(value).isInstanceOf(Decimal128.class));

        EntityView folded = commands.view(account, "ledger", "coin");
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = (Map<String, Object>) folded.state().get("balances");
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, Object> holder : expected.entrySet()) {
            BigDecimal read = balances.get(holder.getKey(), Decimal128.class).bigDecimalValue();
            assertThat(read).as(holder.getKey()).isEqualByComparingTo((BigDecimal) holder.getValue());
            total = total.add(read);
        }
        assertThat(total).isEqualByComparingTo(new BigDecimal(HOLDERS * 100));
        assertThat(stored.get("state", Document.class).get("transfers", Number.class).longValue()).isEqualTo(TRANSFERS);
        List<Document> feed = mongo.getCollection("entity_events")
                .find(new Document("account", account).append("schema", "ledger").append("id", "coin")).into(new ArrayList<>());
        assertThat(feed).hasSize(TRANSFERS + 1);
    }
}
