package io.operadb.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On the embedded default both services report healthy, MongoDB included (what an orchestrator's probe asks). */
class EmbeddedHealthTest {

    @Test
    void both_sides_are_up_with_their_mongodb() {
        for (Http side : new Http[] {SharedOperaDb.commands(), SharedOperaDb.queries()}) {
            Http.Response health = side.get("/actuator/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
        }
    }
}
