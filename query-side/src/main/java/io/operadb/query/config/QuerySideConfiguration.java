package io.operadb.query.config;

import io.operadb.api.entity.EntityReducer;
import io.operadb.api.schema.SchemaCompiler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/** The schema engine from shared-api (the same compiler and reducer as the command side), and Axon's correlation. */
@Configuration
public class QuerySideConfiguration {

    @Bean
    public SchemaCompiler schemaCompiler() {
        return new SchemaCompiler();
    }

    @Bean
    public EntityReducer entityReducer() {
        return new EntityReducer();
    }

    /**
     * No correlation data: the query side's handlers send no messages that could carry it. Axon's default provider
     * reads the metadata of every event handled, which deserializes it, for a result message per event that nobody
     * reads: 8 % of a replay's thread.
     */
    @Bean
    public CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }
}
