package io.operadb.query.readmodel;

import io.operadb.query.readmodel.Generations.Retired;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing and switching of read-model generations, without a database. */
class GenerationsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFullReplayServesEverythingFromTheNewGenerationAndRetiresEveryOldOne() {
        Generations scoped = Generations.INITIAL.startRebuild(new ReplayScope("acme", null), NOW, 10).switchOver();
        Generations building = scoped.startRebuild(ReplayScope.ALL, NOW, 10);
        assertThat(building.building().generation()).isEqualTo(2);
        assertThat(building.routes("acme", "ticket").entities()).as("reads stay put while building")
                .isEqualTo("entities__g1");
        assertThat(building.rebuildRoutes("globex", "ticket").entities()).isEqualTo("entities__g2");

        Generations after = building.switchOver();
        assertThat(after.base()).isEqualTo(2);
        assertThat(after.overrides()).isEmpty();
        assertThat(after.building()).isNull();
        assertThat(after.routes("acme", null).events()).isEqualTo("entity_events__g2");
        assertThat(after.retired()).contains(new Retired(0, ReplayScope.ALL), new Retired(1, ReplayScope.ALL));
    }

    @Test
    void anAccountReplayRoutesOnlyThatAccountAndRetiresItsDocumentsFromTheSharedGeneration() {
        Generations building = Generations.INITIAL.startRebuild(new ReplayScope("acme", null), NOW, 10);
        assertThat(building.rebuildRoutes("globex", null)).as("other accounts are skipped").isNull();
        assertThat(building.rebuildRoutes("acme", null).accounts()).isEqualTo("accounts__g1");

        Generations after = building.switchOver();
        assertThat(after.routes("acme", "ticket").entities()).isEqualTo("entities__g1");
        assertThat(after.routes("acme", null).actors()).isEqualTo("actors__g1");
        assertThat(after.routes("globex", "ticket").entities()).isEqualTo("entities");
        assertThat(after.retired()).containsExactly(new Retired(0, new ReplayScope("acme", null)));
    }

    @Test
    void aSchemaReplayRoutesOnlyThatSchemasEntities() {
        ReplayScope ticket = new ReplayScope("acme", "ticket");
        Generations building = Generations.INITIAL.startRebuild(ticket, NOW, 10);
        assertThat(building.rebuildRoutes("acme", "coin")).isNull();
        assertThat(building.rebuildRoutes("acme", null)).as("account events are not the schema's").isNull();
        Routes routes = building.rebuildRoutes("acme", "ticket");
        assertThat(routes.entities()).isEqualTo("entities__g1");
        assertThat(routes.events()).as("the feed is refreshed in place").isEqualTo("entity_events");

        Generations after = building.switchOver();
        assertThat(after.routes("acme", "ticket").entities()).isEqualTo("entities__g1");
        assertThat(after.routes("acme", "coin").entities()).isEqualTo("entities");
        assertThat(after.routes("acme", "ticket").events()).isEqualTo("entity_events");

        // an account replay afterwards takes over the schema's override, whose generation then goes whole
        Generations account = after.startRebuild(new ReplayScope("acme", null), NOW, 10).switchOver();
        assertThat(account.overrides()).containsExactly(java.util.Map.entry("acme", 2));
        assertThat(account.routes("acme", "ticket").entities()).isEqualTo("entities__g2");
        assertThat(account.retired()).contains(new Retired(1, ReplayScope.ALL),
                new Retired(0, new ReplayScope("acme", null)));
    }

    @Test
    void oneRebuildAtATime() {
        Generations building = Generations.INITIAL.startRebuild(ReplayScope.ALL, NOW, 1);
        assertThatThrownBy(() -> building.startRebuild(ReplayScope.ALL, NOW, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Generations.INITIAL::switchOver).isInstanceOf(IllegalStateException.class);
        assertThat(ReplayScope.ofKey("acme/ticket")).isEqualTo(new ReplayScope("acme", "ticket"));
        assertThat(ReplayScope.ofKey("*")).isEqualTo(ReplayScope.ALL);
    }
}
