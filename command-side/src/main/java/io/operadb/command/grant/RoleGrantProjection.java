package io.operadb.command.grant;

import io.operadb.api.entity.EntityEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Follows the store for changes to entities that grant roles, whoever made them: a tracking processor of its own
 * ({@value #GROUP}), whose token is kept in MongoDB, so the grants are right after a restart and across command-side
 * processes. Events of other schemas cost a look-up in the (cached) schema catalog.
 */
@Component
@ProcessingGroup(RoleGrantProjection.GROUP)
public class RoleGrantProjection {

    public static final String GROUP = "role-grants";

    private final RoleGrants grants;

    public RoleGrantProjection(RoleGrants grants) {
        this.grants = grants;
    }

    @EventHandler
    void on(EntityEvent event) {
        if (grants.grants(event.account(), event.schema(), event.schemaVersion())) {
            grants.catchUp(event.account(), event.schema(), event.entityId());
        }
    }
}
