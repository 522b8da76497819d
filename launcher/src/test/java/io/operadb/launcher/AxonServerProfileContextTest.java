package io.operadb.launcher;

import io.operadb.command.CommandSideApplication;
import io.operadb.embeddedmongo.EmbeddedMongoServer;
import io.operadb.embeddedmongo.EmbeddedMongoSettings;
import io.operadb.query.QuerySideApplication;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code axonserver} profile (docker-compose) wires Axon Server for events and command routing with no change to
 * the application code: each side's context starts with it (no Axon Server runs here, so the connector keeps
 * retrying in the background) and holds Axon Server's event store and command bus, not the Mongo storage engine.
 * The walkthrough against a real Axon Server is in the README ("Running in production").
 */
class AxonServerProfileContextTest {

    private static EmbeddedMongoServer mongo;

    @BeforeAll
    static void mongo() {
        mongo = EmbeddedMongoServer.start(EmbeddedMongoSettings.inMemory());
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder) {
        return builder.profiles("axonserver").run(
                "--spring.data.mongodb.uri=" + mongo.connectionString() + "/axonserver-profile",
                "--server.port=0",
                "--axon.axonserver.servers=localhost:1",
                "--axon.axonserver.connect-timeout=200",
                "--operadb.security.token-secret=a-test-secret-of-at-least-thirty-two-bytes");
    }

    @Test
    void the_command_side_appends_and_routes_through_axon_server() {
        try (ConfigurableApplicationContext context = start(CommandSideApplication.builder())) {
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBeansOfType(EventStorageEngine.class).values())
                    .noneMatch(engine -> engine.getClass().getName().contains("Mongo"));
        }
    }

    @Test
    void the_query_side_reads_events_from_axon_server_with_two_projection_segments() {
        try (ConfigurableApplicationContext context = start(QuerySideApplication.builder())) {
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            StreamingEventProcessor projections = context.getBean(EventProcessingConfiguration.class)
                    .eventProcessor("projections", StreamingEventProcessor.class).orElseThrow();
            assertThat(projections.maxCapacity()).isEqualTo(2);
        }
    }
}
