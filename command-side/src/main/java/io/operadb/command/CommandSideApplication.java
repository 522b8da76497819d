package io.operadb.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The command side on its own, against {@code MONGODB_URI} (and Axon Server when {@code AXON_SERVER} is set). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    /** Its settings file; distinct per side so that both sides can share one JVM in the embedded default. */
    public static final String CONFIG_NAME = "command-side";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(CommandSideApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
