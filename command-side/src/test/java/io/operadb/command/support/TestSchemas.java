package io.operadb.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The schema documents under {@code src/test/resources/schemas}. */
public final class TestSchemas {

    public static final ObjectMapper JSON = new ObjectMapper();

    private TestSchemas() {
    }

    /** The contract's ticket example, version 1. */
    public static JsonNode ticket() {
        return load("ticket.json");
    }

    /** Ticket version 2: a new ticket opened without points gets 5 (v1 gives 0). */
    public static JsonNode ticketV2() {
        return load("ticket-v2.json");
    }

    /** A coin with exact decimal balances. */
    public static JsonNode coin() {
        return load("coin.json");
    }

    public static JsonNode load(String name) {
        try (InputStream in = TestSchemas.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test schema " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON from a compact literal; back-quotes stand for double quotes. */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('`', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
