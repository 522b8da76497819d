package io.operadb.query.projection;

import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Replay progress is reported from the count of applied events, so that count must be exact. */
class ProjectionProgressTest extends SharedQuerySideTest {

    @Autowired
    private ProjectionProgress progress;

    @Test
    void eachAppliedEventIsCountedOnce() {
        awaitProjections();
        long before = progress.handled();
        String account = newAccount("count");
        commands.createAccount(account, ALICE);
        commands.publishSchema(account, resource("ticket-v1.json"));
        for (int i = 0; i < 5; i++) {
            commands.create(account, "ticket", "t-" + i, "{`title`: `x`}", ALICE);
        }
        awaitProjections();
        await("the count to settle", Duration.ofSeconds(2), () -> progress.handled() >= before + 7);

        assertThat(progress.handled() - before).as("events applied: 1 account, 1 schema, 5 entity events")
                .isEqualTo(7);
    }
}
