package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends signed requests to the command API and turns a refusal (problem+json) into a readable error. */
final class CommandApi {

    private final String baseUrl;
    /** HTTP/1.1: the default HTTP/2 would add an h2c upgrade to every plain-http request for nothing. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    CommandApi(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The answer's JSON body (null when empty) if the status is 2xx; otherwise a {@link CliException}. */
    JsonNode send(SignedRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request.pathWithQuery()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .header("Accept", "application/json");
        if (request.body().length > 0) {
            builder.header("Content-Type", "application/json");
        }
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("nothing answers at " + baseUrl + ": is ./operadb dev running? (or set --command-url /"
                    + " " + CliContext.COMMAND_URL_ENV + ")", e);
        } catch (IOException e) {
            throw new CliException(request.method() + " " + baseUrl + request.pathWithQuery() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() / 100 != 2) {
            throw new CliException(Problems.describe(request.method() + " " + request.pathWithQuery(),
                    response.statusCode(), text));
        }
        return parse(text);
    }

    private URI uri(String pathWithQuery) {
        try {
            return URI.create(baseUrl + pathWithQuery);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a URL: " + baseUrl + pathWithQuery + " (" + e.getMessage() + ")");
        }
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return KeyFile.JSON.readTree(text);
        } catch (IOException e) {
            return KeyFile.JSON.getNodeFactory().textNode(text);
        }
    }
}
