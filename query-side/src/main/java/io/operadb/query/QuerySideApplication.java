package io.operadb.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The query side on its own: projections into MongoDB read models, and the query API over them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerySideApplication {

    /** Its settings file; distinct per side so that both sides can share one JVM in the embedded default. */
    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(QuerySideApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
