package io.operadb.command.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A page on the configured origin (the Explorer) may call the command API from a browser; other pages may not. */
class CrossOriginApiTest extends CommandApiTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void a_preflight_from_the_allowed_origin_allows_posts_with_the_contract_headers() throws Exception {
        HttpResponse<String> preflight = preflight(EXPLORER_ORIGIN,
                "authorization,content-type,if-match,idempotency-key,x-operadb-actor,x-operadb-signature");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(EXPLORER_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        List<String> allowed = List.of(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")
                .toLowerCase(Locale.ROOT).split(",\\s*"));
        assertThat(allowed).contains("authorization", "content-type", "if-match", "idempotency-key",
                "x-operadb-actor", "x-operadb-signature");
    }

    @Test
    void a_preflight_from_another_origin_is_refused_without_allow_headers() throws Exception {
        HttpResponse<String> preflight = preflight("http://evil.example", "content-type");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void a_command_from_the_allowed_origin_exposes_the_etag_and_a_refusal_stays_readable() throws Exception {
        String account = accountWithTickets();
        HttpApi.Response created = api.post(entities(account), LEAD, "{\"data\":{\"title\":\"From a browser\"}}",
                "Origin", EXPLORER_ORIGIN);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Access-Control-Allow-Origin")).hasValue(EXPLORER_ORIGIN);
        assertThat(created.header("Access-Control-Expose-Headers").orElse("")).containsIgnoringCase("ETag");
        assertThat(created.header("ETag")).isPresent();

        HttpApi.Response refused = api.post(entities(account), null, "{\"data\":{\"title\":\"No credentials\"}}",
                "Origin", EXPLORER_ORIGIN);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Access-Control-Allow-Origin")).hasValue(EXPLORER_ORIGIN);
    }

    private HttpResponse<String> preflight(String origin, String headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + "/api/accounts/some-account/entities/ticket"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
