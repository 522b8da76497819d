package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders an RFC 9457 problem (or whatever else came back) as lines a person can act on. */
final class Problems {

    private Problems() {
    }

    static String describe(String request, int status, String body) {
        StringBuilder text = new StringBuilder(request).append(" answered ").append(status);
        JsonNode problem;
        try {
            problem = body.isBlank() ? null : KeyFile.JSON.readTree(body);
        } catch (java.io.IOException e) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            return body.isBlank() ? text.toString() : text.append(": ").append(body.strip()).toString();
        }
        if (problem.hasNonNull("title")) {
            text.append(' ').append(problem.get("title").asText());
        }
        if (problem.hasNonNull("detail")) {
            text.append(": ").append(problem.get("detail").asText());
        }
        for (JsonNode error : problem.path("errors")) {
            text.append("\n  ").append(error.path("path").asText("")).append(": ").append(error.path("reason").asText(""));
        }
        return text.toString();
    }
}
