package io.operadb.query.explorer;

import io.operadb.query.support.SharedQuerySideTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side serves the Explorer: its page, every ES module it imports, and its config. */
class ExplorerResourcesTest extends SharedQuerySideTest {

    private static final Pattern IMPORT = Pattern.compile("(?m)^(?:import|export)\\s[^;]*?from\\s+'([^']+)'");

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void the_explorer_path_redirects_to_its_page_which_loads_the_main_module() throws Exception {
        HttpResponse<String> bare = get("/explorer");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location").orElse("")).endsWith("/explorer/");

        HttpResponse<String> page = get("/explorer/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>", "explorer.css");
        assertThat(get("/explorer/explorer.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }

    @Test
    void every_module_the_page_imports_is_served_as_javascript() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add("/explorer/js/main.js");
        while (!pending.isEmpty()) {
            String path = pending.poll();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> module = get(path);
            assertThat(module.statusCode()).as(path).isEqualTo(200);
            assertThat(module.headers().firstValue("Content-Type").orElse("")).as(path).contains("javascript");
            Matcher m = IMPORT.matcher(module.body());
            while (m.find()) {
                pending.add(URI.create(path).resolve(m.group(1)).getPath());
            }
        }
        // the shell, the API client and one module per page
        assertThat(seen).contains("/explorer/js/api.js", "/explorer/js/pages/signin.js", "/explorer/js/pages/entity.js",
                "/explorer/js/pages/operations.js", "/explorer/js/forms.js");
        assertThat(seen).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void the_config_names_the_command_api_and_is_not_part_of_the_api_description() throws Exception {
        HttpResponse<String> config = get("/explorer/config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).isEqualTo("{\"commandApiUrl\":\"\"}");
        assertThat(config.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

        assertThat(get("/v3/api-docs").body()).doesNotContain("/explorer");
    }

    @Test
    void the_command_api_url_loses_trailing_slashes_and_the_explorer_is_on_unless_disabled() {
        assertThat(new ExplorerProperties(" http://localhost:8080/ ", null).commandApiUrl())
                .isEqualTo("http://localhost:8080");
        assertThat(new ExplorerProperties(null, null).commandApiUrl()).isEmpty();
        assertThat(new ExplorerProperties(null, null).enabled()).isTrue();
        assertThat(new ExplorerProperties(null, false).enabled()).isFalse();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
