package io.operadb.command.schema;

import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.PublishSchemaCommand;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.api.schema.SchemaEvolution;
import io.operadb.api.schema.SchemaPublishedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The versions of one schema in one account: published in order 1, 2, 3... and never changed afterwards. */
@Aggregate
public class SchemaAggregate {

    @AggregateIdentifier
    private String aggregateId;
    private int latestVersion;
    /** The latest version's document: the next version must be able to take over its entities. */
    private JsonNode latestDocument;

    public SchemaAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(PublishSchemaCommand command, Clock clock, SchemaCompiler compiler) {
        int expected = latestVersion + 1;
        if (command.version() != expected) {
            throw new OperaDbException(ProblemKind.VERSION_CONFLICT, "schema " + command.schemaId() + " is at version "
                    + latestVersion + "; the next version to publish is " + expected
                    + " (published versions are immutable)");
        }
        if (latestDocument != null) {
            // 422 naming every field whose change the new version's migration does not cover
            SchemaEvolution.requireCompatible(compiler.compile(latestDocument), compiler.compile(command.document()));
        }
        apply(new SchemaPublishedEvent(command.account(), command.schemaId(), command.version(), command.document(),
                command.publishedBy(), clock.instant()));
        return command.version();
    }

    @EventSourcingHandler
    void on(SchemaPublishedEvent event) {
        aggregateId = AggregateIds.schema(event.account(), event.schemaId());
        latestVersion = event.version();
        latestDocument = event.document();
    }
}
