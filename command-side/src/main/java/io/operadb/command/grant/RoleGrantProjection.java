package io.operadb.command.grant;

import io.operadb.api.entity.EntityEvent;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.command.schema.SchemaCatalog;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Follows the store for changes to entities that grant roles, whoever made them: a tracking processor of its own
 * ({@value #GROUP}), whose token is kept in MongoDB, so the grants are right after a restart and across command-side
 * processes.
 * <p>
 * It sees every entity event, so it decides from the event's aggregate identifier alone (account, schema, entity)
 * whether the entity's schema grants roles, and never deserializes the payload: that was most of its cost, a twelfth
 * of the command side's CPU under load. The schema's versions are looked up as of now: a version published by
 * another process comes before its entities' events in the store, and this processor, reading in store order, drops
 * what the catalog remembers of that schema when it passes it, so the version is known by the time its events come.
 */
@Component
@ProcessingGroup(RoleGrantProjection.GROUP)
public class RoleGrantProjection {

    public static final String GROUP = "role-grants";

    private final RoleGrants grants;
    private final SchemaCatalog catalog;

    public RoleGrantProjection(RoleGrants grants, SchemaCatalog catalog) {
        this.grants = grants;
        this.catalog = catalog;
    }

    @EventHandler
    void on(SchemaPublishedEvent published) {
        catalog.evict(published.account(), published.schemaId());
    }

    @EventHandler(payloadType = EntityEvent.class)
    void on(DomainEventMessage<?> event) {
        AggregateIds.entityOf(event.getAggregateIdentifier())
                .filter(entity -> grants.grants(entity.account(), entity.schema()))
                .ifPresent(entity -> grants.catchUp(entity.account(), entity.schema(), entity.entityId()));
    }
}
