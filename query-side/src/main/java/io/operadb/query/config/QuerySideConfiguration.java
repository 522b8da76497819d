package io.operadb.query.config;

import io.operadb.api.entity.EntityReducer;
import io.operadb.api.schema.SchemaCompiler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The schema engine from shared-api: the same compiler and reducer as the command side. */
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
}
