package io.operadb.api.naming;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateIdsTest {

    @Test
    void anEntitysIdentifierNamesItsAccountSchemaAndIdAgain() {
        String id = AggregateIds.entity("acme", "ticket", "T-1.a:b");

        assertThat(AggregateIds.entityOf(id))
                .contains(new AggregateIds.EntityRef("acme", "ticket", "T-1.a:b"));
    }

    @Test
    void identifiersOfOtherKindsNameNoEntity() {
        assertThat(AggregateIds.entityOf(AggregateIds.account("acme"))).isEmpty();
        assertThat(AggregateIds.entityOf(AggregateIds.schema("acme", "ticket"))).isEmpty();
        assertThat(AggregateIds.entityOf(AggregateIds.unique("acme", "ticket", "code", "x"))).isEmpty();
        assertThat(AggregateIds.entityOf("entity:acme/ticket")).isEmpty();
        assertThat(AggregateIds.entityOf(null)).isEmpty();
    }
}
