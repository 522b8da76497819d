package io.operadb.command.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.FieldError;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.command.support.TestSchemas;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.PublishSchemaCommand;
import io.operadb.api.schema.SchemaPublishedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.operadb.command.support.Asserting.satisfies;
import static io.operadb.command.support.TestSchemas.ticket;
import static io.operadb.command.support.TestSchemas.ticketV2;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaAggregateTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    static final String ID = AggregateIds.schema("acme", "ticket");
    static final JsonNode V1 = ticket();
    static final JsonNode V2 = ticketV2();

    FixtureConfiguration<SchemaAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SchemaAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new SchemaCompiler());
    }

    @Test
    void the_first_version_of_a_schema_is_published() {
        fixture.givenNoPriorActivity()
                .when(publish(1, V1))
                .expectEvents(new SchemaPublishedEvent("acme", "ticket", 1, V1, "user:owner", NOW))
                .expectResultMessagePayload(1);
    }

    @Test
    void version_2_follows_version_1() {
        fixture.givenCommands(publish(1, V1))
                .when(publish(2, V2))
                .expectEvents(new SchemaPublishedEvent("acme", "ticket", 2, V2, "user:owner", NOW))
                .expectResultMessagePayload(2);
    }

    @Test
    void publishing_version_1_twice_is_a_version_conflict_because_published_versions_are_immutable() {
        fixture.given(new SchemaPublishedEvent("acme", "ticket", 1, V1, "user:owner", NOW))
                .when(publish(1, V1))
                .expectNoEvents()
                .expectException(versionConflict("the next version to publish is 2"));
    }

    @Test
    void skipping_from_version_1_to_3_is_a_version_conflict() {
        fixture.given(new SchemaPublishedEvent("acme", "ticket", 1, V1, "user:owner", NOW))
                .when(publish(3, V2))
                .expectNoEvents()
                .expectException(versionConflict("the next version to publish is 2"));
    }

    @Test
    void a_new_schema_cannot_start_at_version_2() {
        fixture.givenNoPriorActivity()
                .when(publish(2, V2))
                .expectNoEvents()
                .expectException(versionConflict("the next version to publish is 1"));
    }

    @Test
    void a_version_that_cannot_take_over_the_previous_versions_entities_is_refused_with_422_naming_the_fields() {
        JsonNode stockV1 = TestSchemas.load("stock-v1.json");
        ObjectNode bare = TestSchemas.load("stock-v2.json").deepCopy();
        bare.remove("migrate");
        fixture.given(new SchemaPublishedEvent("acme", "stock", 1, stockV1, "user:owner", NOW))
                .when(new PublishSchemaCommand(AggregateIds.schema("acme", "stock"), "acme", "stock", 2, bare,
                        "user:owner"))
                .expectNoEvents()
                .expectException(satisfies(thrown -> {
                    assertThat(thrown).isInstanceOf(OperaDbException.class);
                    OperaDbException e = (OperaDbException) thrown;
                    assertThat(e.kind()).isEqualTo(ProblemKind.INCOMPATIBLE_SCHEMA);
                    assertThat(e.problem().errors()).extracting(FieldError::path)
                            .containsExactlyInAnyOrder("fields.legacy", "fields.unit");
                }));
    }

    @Test
    void the_same_change_with_its_migration_is_published() {
        JsonNode stockV1 = TestSchemas.load("stock-v1.json");
        JsonNode stockV2 = TestSchemas.load("stock-v2.json");
        fixture.given(new SchemaPublishedEvent("acme", "stock", 1, stockV1, "user:owner", NOW))
                .when(new PublishSchemaCommand(AggregateIds.schema("acme", "stock"), "acme", "stock", 2, stockV2,
                        "user:owner"))
                .expectEvents(new SchemaPublishedEvent("acme", "stock", 2, stockV2, "user:owner", NOW));
    }

    static PublishSchemaCommand publish(int version, JsonNode document) {
        return new PublishSchemaCommand(ID, "acme", "ticket", version, document, "user:owner");
    }

    static org.hamcrest.Matcher<Object> versionConflict(String detail) {
        return satisfies(thrown -> {
            assertThat(thrown).isInstanceOf(OperaDbException.class);
            OperaDbException e = (OperaDbException) thrown;
            assertThat(e.kind()).isEqualTo(ProblemKind.VERSION_CONFLICT);
            assertThat(e.problem().detail()).contains(detail);
        });
    }
}
