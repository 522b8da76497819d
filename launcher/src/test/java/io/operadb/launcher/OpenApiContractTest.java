package io.operadb.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the OpenAPI descriptions true to the public contract: every operation the contract lists is in the
 * description of the side that serves it. The contract is read from docs/api-contract.md, the project's copy.
 */
class OpenApiContractTest {

    private static final Pattern OPERATION = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`?\\s]*)[^`]*`");
    private static final Pattern CONTINUATION = Pattern.compile("`…(/[^`?\\s]*)[^`]*`");

    /**
     * Contract operations whose issues have not landed yet. Each must still be in the contract and absent from the
     * description: when one is served, this test fails until it is taken off this list.
     */
    private static final Set<String> PENDING = Set.of();

    private static OperaDb operaDb;

    @BeforeAll
    static void start() {
        operaDb = SharedOperaDb.get();
    }

    @Test
    void the_command_api_describes_every_operation_of_the_contract_command_table() throws IOException {
        assertDescribes(operaDb.commandPort(), contractOperations("## Command API"));
    }

    @Test
    void the_query_api_describes_every_operation_of_the_contract_query_table() throws IOException {
        assertDescribes(operaDb.queryPort(), contractOperations("## Query API"));
    }

    private static void assertDescribes(int port, Set<String> contract) {
        assertThat(contract).hasSizeGreaterThanOrEqualTo(6);
        Set<String> described = described(port);
        Set<String> expected = new TreeSet<>(contract);
        expected.removeAll(PENDING);
        assertThat(described).containsAll(expected);
        Set<String> pendingHere = new TreeSet<>(contract);
        pendingHere.retainAll(PENDING);
        if (!pendingHere.isEmpty()) {
            assertThat(described).doesNotContainAnyElementsOf(pendingHere);
        }
    }

    private static Set<String> described(int port) {
        JsonNode paths = new Http("http://localhost:" + port).get("/v3/api-docs").json().get("paths");
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(verb ->
                    operations.add(verb.toUpperCase() + " " + normalise(path.getKey())));
        }
        return operations;
    }

    /** The operations in the table under a heading; "…/x" continues the previous path from its segment x. */
    static Set<String> contractOperations(String heading) throws IOException {
        String contract = Files.readString(Path.of("..", "docs", "api-contract.md"));
        int start = contract.indexOf(heading);
        int end = contract.indexOf("\n## ", start + heading.length());
        String section = contract.substring(start, end < 0 ? contract.length() : end);
        Set<String> operations = new TreeSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String verb = null;
            String path = null;
            Matcher m = OPERATION.matcher(line);
            int from = 0;
            while (true) {
                boolean full = m.find(from);
                Matcher c = CONTINUATION.matcher(line);
                boolean continued = c.find(from) && (!full || c.start() < m.start());
                if (continued && path != null) {
                    String tail = c.group(1);
                    String firstSegment = tail.split("/")[1];
                    path = path.substring(0, path.indexOf("/" + firstSegment)) + tail;
                    operations.add(verb + " " + normalise(path));
                    from = c.end();
                } else if (full) {
                    verb = m.group(1);
                    path = m.group(2);
                    operations.add(verb + " " + normalise(path));
                    from = m.end();
                } else {
                    break;
                }
            }
        }
        return operations;
    }

    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
