package io.operadb.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs on these machines, so docker-compose.yml is kept honest here: its services, images,
 * ports, environment names and health checks are checked against the applications' own settings.
 */
class DockerComposeTest {

    private static Map<String, Object> services;
    private static Map<String, Object> compose;
    private static String commandConfig;
    private static String queryConfig;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        compose = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        commandConfig = Files.readString(Path.of("..", "command-side", "src", "main", "resources", "command-side.yml"));
        queryConfig = Files.readString(Path.of("..", "query-side", "src", "main", "resources", "query-side.yml"));
    }

    @Test
    void it_runs_mongodb_as_a_replica_set_axon_server_one_command_side_and_two_query_sides() {
        assertThat(services).containsKeys("mongo", "axonserver", "command-side", "query-side-1", "query-side-2");
        assertThat(service("mongo").get("image").toString()).startsWith("mongo:");
        assertThat(service("mongo").get("command").toString()).contains("--replSet");
        assertThat(service("axonserver").get("image").toString()).startsWith("axoniq/axonserver:");
        assertThat(ports("axonserver")).contains("8024:8024", "8124:8124");
    }

    @Test
    void each_side_is_built_from_its_module_and_listens_on_the_port_its_settings_give() {
        assertThat(buildModule("command-side")).isEqualTo("command-side");
        assertThat(buildModule("query-side-1")).isEqualTo("query-side");
        assertThat(buildModule("query-side-2")).isEqualTo("query-side");
        assertThat(commandConfig).contains("port: ${PORT:8080}");
        assertThat(queryConfig).contains("port: ${PORT:8081}");
        assertThat(env("command-side").get("PORT")).isEqualTo("8080");
        assertThat(ports("command-side")).contains("8080:8080");
        assertThat(ports("query-side-1")).contains("8081:8081");
        assertThat(ports("query-side-2")).contains("8082:8081");
    }

    @Test
    void the_environment_it_sets_is_what_the_applications_read() {
        for (String side : List.of("command-side", "query-side-1", "query-side-2")) {
            Map<String, Object> env = env(side);
            assertThat(env).containsKeys("MONGODB_URI", "AXON_SERVER", "SPRING_PROFILES_ACTIVE",
                    "OPERADB_SECURITY_TOKEN_SECRET", "OPERADB_SECURITY_OPERATORS");
            assertThat(env.get("MONGODB_URI").toString()).startsWith("mongodb://mongo:27017/");
            assertThat(env.get("AXON_SERVER")).isEqualTo("axonserver:8124");
            assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("axonserver");
        }
        // the Explorer on either query side (ports 8081, 8082 on the host) sends commands to the command side's port
        assertThat(env("command-side").get("OPERADB_COMMAND_CORS_ALLOWED_ORIGINS").toString().split(","))
                .containsExactlyInAnyOrder("http://localhost:8081", "http://localhost:8082");
        for (String side : List.of("query-side-1", "query-side-2")) {
            assertThat(env(side).get("OPERADB_QUERY_EXPLORER_COMMAND_API_URL")).isEqualTo("http://localhost:8080");
        }
        for (String config : List.of(commandConfig, queryConfig)) {
            assertThat(config).contains("${MONGODB_URI:", "${AXON_SERVER:", "on-profile: axonserver");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_service_has_a_health_check_and_the_sides_wait_for_healthy_dependencies() {
        services.keySet().forEach(name -> assertThat(service(name)).as(name).containsKey("healthcheck"));
        for (String side : List.of("command-side", "query-side-1", "query-side-2")) {
            Map<String, Map<String, String>> dependsOn =
                    (Map<String, Map<String, String>>) service(side).get("depends_on");
            assertThat(dependsOn.get("mongo").get("condition")).isEqualTo("service_healthy");
            assertThat(dependsOn.get("axonserver").get("condition")).isEqualTo("service_healthy");
            assertThat(service(side).get("healthcheck").toString()).contains("/actuator/health");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void data_lives_in_named_volumes() {
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        assertThat(volumes).containsKeys("mongo-data", "axon-data", "axon-events");
        assertThat((List<String>) service("mongo").get("volumes")).contains("mongo-data:/data/db");
        assertThat(Files.exists(Path.of("..", "Dockerfile"))).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(String name) {
        return (List<String>) service(name).get("ports");
    }

    @SuppressWarnings("unchecked")
    @Test
    void every_instance_shares_one_token_secret_bound_to_the_security_settings() {
        java.util.Set<Object> secrets = new java.util.HashSet<>();
        for (String name : List.of("command-side", "query-side-1", "query-side-2")) {
            secrets.add(env(name).get("OPERADB_SECURITY_TOKEN_SECRET"));
        }
        assertThat(secrets).hasSize(1);
        // relaxed binding: OPERADB_SECURITY_TOKEN_SECRET and _OPERATORS are these record components
        assertThat(java.util.Arrays.stream(io.operadb.web.auth.SecurityProperties.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)).contains("tokenSecret", "operators");
        assertThat(io.operadb.web.auth.SecurityProperties.class
                .getAnnotation(org.springframework.boot.context.properties.ConfigurationProperties.class).value())
                .isEqualTo("operadb.security");
    }

    private static Map<String, Object> env(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static String buildModule(String name) {
        Map<String, Object> build = (Map<String, Object>) service(name).get("build");
        return ((Map<String, String>) build.get("args")).get("MODULE");
    }
}
