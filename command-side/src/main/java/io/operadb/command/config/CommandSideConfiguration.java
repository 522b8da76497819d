package io.operadb.command.config;

import io.operadb.api.entity.ActionDecider;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.schema.SchemaCompiler;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** The command side's building blocks: the schema engine from shared-api, caching, snapshots, the clock. */
@Configuration
public class CommandSideConfiguration {

    @Bean
    public SchemaCompiler schemaCompiler() {
        return new SchemaCompiler();
    }

    @Bean
    public EntityReducer entityReducer() {
        return new EntityReducer();
    }

    @Bean
    public ActionDecider actionDecider(EntityReducer reducer) {
        return new ActionDecider(reducer);
    }

    /** Commands stamp events with the time they were accepted, to the millisecond; reducers only read that stamp. */
    @Bean
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    public Cache entityCache(CommandSideProperties properties) {
        return new BoundedAggregateCache(properties.aggregateCacheSize());
    }

    @Bean
    public SnapshotTriggerDefinition entitySnapshotTrigger(Snapshotter snapshotter, CommandSideProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
