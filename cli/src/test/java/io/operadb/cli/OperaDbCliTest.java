package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the CLI as {@code ./operadb} does, against a server that checks every signature over the canonical string it
 * rebuilds from what it received: a request passes only if the CLI signed exactly the bytes that went over the wire.
 */
class OperaDbCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADER_LINE = Pattern.compile("-H '([^:]+): (.*)'( \\\\)?");

    @TempDir
    Path dir;

    private VerifyingServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = VerifyingServer.start();
        env.put(CliContext.COMMAND_URL_ENV, server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, dir);
        return new OperaDbCli(context).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode newKey(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "key";
        all[1] = "new";
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 1] = "--json";
        assertThat(run(java.util.Arrays.copyOf(all, all.length))).as(err()).isZero();
        return JSON.readTree(out());
    }

    @Test
    void key_new_writes_an_owner_only_wallet_key_under_dot_operadb_keys_and_names_its_address_as_the_actor()
            throws Exception {
        assertThat(run("key", "new")).as(err()).isZero();
        Matcher address = Pattern.compile("address +(0x[0-9a-f]{40})").matcher(out());
        assertThat(address.find()).as(out()).isTrue();
        assertThat(out()).contains("actor id   " + address.group(1));
        Path file = dir.resolve(".operadb/keys/" + address.group(1) + ".json");
        assertThat(out()).contains(".operadb/keys/" + address.group(1) + ".json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        JsonNode json = JSON.readTree(file.toFile());
        assertThat(json.path("type").asText()).isEqualTo("secp256k1");
        assertThat(json.path("address").asText()).isEqualTo(address.group(1));
        assertThat(json.path("privateKey").asText()).matches("0x[0-9a-f]{64}");
        assertThat(out()).doesNotContain(json.path("privateKey").asText());
        // the private key in the file is the one behind the printed address
        assertThat(KeyFile.load(file).key().publicPart().get("address")).isEqualTo(address.group(1));
    }

    @Test
    void key_new_ed25519_acts_as_user_name_unless_told_otherwise_and_never_replaces_a_key_file() throws Exception {
        JsonNode alice = newKey("alice", "--type", "ed25519");
        assertThat(alice.path("actorId").asText()).isEqualTo("user:alice");
        assertThat(alice.path("file").asText()).isEqualTo(".operadb/keys/alice.json");
        assertThat(alice.path("key").path("type").asText()).isEqualTo("ed25519");
        String before = Files.readString(dir.resolve(".operadb/keys/alice.json"));

        assertThat(run("key", "new", "alice")).isEqualTo(1);
        assertThat(err()).contains("exists already");
        assertThat(Files.readString(dir.resolve(".operadb/keys/alice.json"))).isEqualTo(before);

        JsonNode bot = newKey("--type", "ed25519", "--out", "keys/bot.json", "--actor", "svc:bot");
        assertThat(bot.path("actorId").asText()).isEqualTo("svc:bot");
        assertThat(Files.exists(dir.resolve("keys/bot.json"))).isTrue();

        assertThat(run("key", "show", "keys/bot.json", "--json")).isZero();
        assertThat(JSON.readTree(out())).isEqualTo(bot);
    }

    @Test
    void account_create_is_signed_by_the_owners_own_key_whose_public_part_it_registers() throws Exception {
        for (String type : new String[]{"secp256k1", "ed25519"}) {
            JsonNode key = newKey("owner-" + type, "--type", type);
            String account = "acme-" + type;
            assertThat(run("account", "create", account, "--key", key.path("file").asText())).as(err()).isZero();

            VerifyingServer.Received request = server.last();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.pathWithQuery()).isEqualTo("/api/accounts");
            assertThat(request.account()).isEqualTo(account);
            assertThat(request.actorId()).isEqualTo(key.path("actorId").asText());
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("account").asText()).isEqualTo(account);
            assertThat(body.path("owner").path("actorId").asText()).isEqualTo(key.path("actorId").asText());
            assertThat(body.path("owner").path("keys")).containsExactly(key.path("key"));
            assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
            assertThat(err()).contains("Next: TOKEN=$(./operadb token " + account);
        }
        assertThat(run("account", "create", "acme-ed25519", "--key", ".operadb/keys/owner-ed25519.json")).isEqualTo(1);
        assertThat(err()).contains("409").contains("account acme-ed25519 exists");
    }

    @Test
    void token_prints_only_the_token_on_stdout_and_the_expiry_on_stderr() throws Exception {
        JsonNode key = newKey("alice");
        assertThat(run("account", "create", "acme", "--key", key.path("file").asText())).isZero();

        assertThat(run("token", "acme", "--key", key.path("file").asText())).as(err()).isZero();
        assertThat(out()).isEqualTo("test-token.acme." + key.path("actorId").asText() + System.lineSeparator());
        assertThat(err()).contains("expires at 2030-01-01T00:15:00Z");
        VerifyingServer.Received request = server.last();
        assertThat(request.pathWithQuery()).isEqualTo("/api/accounts/acme/token");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void a_refused_login_fails_with_the_servers_reason_and_prints_no_token() throws Exception {
        JsonNode owner = newKey("owner");
        JsonNode stranger = newKey("stranger");
        assertThat(run("account", "create", "acme", "--key", owner.path("file").asText())).isZero();

        assertThat(run("token", "acme", "--key", stranger.path("file").asText())).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("POST /api/accounts/acme/token answered 401 Unauthorized: no actor "
                + stranger.path("actorId").asText());

        // the owner's key, but claiming to be someone else: the server finds no such key on that actor
        assertThat(run("token", "acme", "--key", stranger.path("file").asText(), "--actor",
                owner.path("actorId").asText())).isEqualTo(1);
        assertThat(err()).contains("401").contains("the signature is by no key");
    }

    @Test
    void headers_printed_by_sign_authenticate_exactly_the_request_they_were_made_for() throws Exception {
        JsonNode key = newKey("alice", "--type", "ed25519");
        assertThat(run("account", "create", "acme", "--key", key.path("file").asText())).isZero();
        String path = "/api/accounts/acme/entities/ticket?state.status=closed&limit=10&q=a%20b";
        String data = "{\"id\":\"T-1\",\"data\":{\"title\":\"Printer on fire\"}}";

        assertThat(run("sign", "POST", path, "--data", data, "--key", key.path("file").asText())).as(err()).isZero();
        Map<String, String> headers = headerLines(out());
        assertThat(headers).containsOnlyKeys("X-OperaDB-Actor", "X-OperaDB-Timestamp", "X-OperaDB-Nonce",
                "X-OperaDB-Signature");
        assertThat(send("POST", path, data, headers).statusCode()).isEqualTo(200);
        assertThat(server.last().pathWithQuery()).isEqualTo(path);
        assertThat(server.last().actorId()).isEqualTo("user:alice");

        // the same headers again: the nonce is spent
        assertThat(send("POST", path, data, headers).statusCode()).isEqualTo(401);
        // fresh headers, but another body, query or method than signed: the signature no longer matches
        assertThat(run("sign", "POST", path, "--data", data, "--key", key.path("file").asText())).isZero();
        assertThat(send("POST", path, data.replace("fire", "FIRE"), headerLines(out())).statusCode()).isEqualTo(401);
        assertThat(run("sign", "POST", path, "--data", data, "--key", key.path("file").asText())).isZero();
        assertThat(send("POST", path.replace("limit=10", "limit=11"), data, headerLines(out())).statusCode())
                .isEqualTo(401);
        assertThat(run("sign", "POST", path, "--data", data, "--key", key.path("file").asText())).isZero();
        assertThat(send("PUT", path, data, headerLines(out())).statusCode()).isEqualTo(401);
    }

    @Test
    void sign_hashes_a_body_file_byte_for_byte_and_accepts_a_full_url() throws Exception {
        JsonNode key = newKey("alice");
        assertThat(run("account", "create", "acme", "--key", key.path("file").asText())).isZero();
        String body = "{\n  \"schemaId\": \"ticket\",\r\n  \"version\": 1\n}\n";
        Files.writeString(dir.resolve("ticket.json"), body);

        assertThat(run("sign", "post", server.url() + "/api/accounts/acme/schemas", "--body", "ticket.json",
                "--key", key.path("file").asText())).as(err()).isZero();
        assertThat(err()).contains("--data-binary @ticket.json");
        assertThat(send("POST", "/api/accounts/acme/schemas", body, headerLines(out())).statusCode()).isEqualTo(200);
        assertThat(server.last().body()).isEqualTo(body);
    }

    @Test
    void a_path_without_an_account_sends_and_signs_the_account_named_by_the_account_option() throws Exception {
        JsonNode key = newKey("alice");
        assertThat(run("account", "create", "acme", "--key", key.path("file").asText())).isZero();

        assertThat(run("sign", "POST", "/api/admin/replay", "--key", key.path("file").asText())).isEqualTo(2);
        assertThat(err()).contains("/api/admin/replay names no account: give --account");

        assertThat(run("sign", "POST", "/api/admin/replay", "--account", "acme", "--key", key.path("file").asText(),
                "--verbose")).isZero();
        Map<String, String> headers = headerLines(out());
        assertThat(headers).containsEntry("X-OperaDB-Account", "acme").hasSize(5);
        assertThat(err()).contains("POST\n/api/admin/replay\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nacme\n"
                + headers.get("X-OperaDB-Timestamp") + "\n" + headers.get("X-OperaDB-Nonce"));
        assertThat(send("POST", "/api/admin/replay", "", headers).statusCode()).isEqualTo(200);
        assertThat(server.last().account()).isEqualTo("acme");

        // signed for another account than the header names: refused
        assertThat(run("sign", "POST", "/api/admin/replay", "--account", "other", "--key", key.path("file").asText()))
                .isZero();
        Map<String, String> forOther = new LinkedHashMap<>(headerLines(out()));
        forOther.put("X-OperaDB-Account", "acme");
        assertThat(send("POST", "/api/admin/replay", "", forOther).statusCode()).isEqualTo(401);
    }

    @Test
    void sign_json_prints_the_same_headers_as_one_object() throws Exception {
        JsonNode key = newKey("alice");
        assertThat(run("account", "create", "acme", "--key", key.path("file").asText())).isZero();
        assertThat(run("sign", "GET", "/api/accounts/acme/schemas", "--key", key.path("file").asText(), "--json"))
                .isZero();
        Map<String, String> headers = new LinkedHashMap<>();
        JSON.readTree(out()).fields().forEachRemaining(field -> headers.put(field.getKey(), field.getValue().asText()));
        assertThat(headers.get("X-OperaDB-Signature")).matches("0x[0-9a-f]{130}");
        assertThat(send("GET", "/api/accounts/acme/schemas", "", headers).statusCode()).isEqualTo(200);
    }

    @Test
    void a_wallet_actor_given_in_mixed_case_is_sent_in_lower_case() throws Exception {
        JsonNode key = newKey("alice");
        String address = key.path("actorId").asText();
        String mixed = "0x" + address.substring(2).toUpperCase(java.util.Locale.ROOT);
        assertThat(run("account", "create", "acme", "--key", key.path("file").asText(), "--actor", mixed)).isZero();
        assertThat(server.last().headers().get("X-OperaDB-Actor")).isEqualTo(address);
        assertThat(JSON.readTree(server.last().body()).path("owner").path("actorId").asText()).isEqualTo(address);
    }

    @Test
    void actor_add_registers_a_wallet_by_its_address_and_an_ed25519_actor_by_its_key_file() throws Exception {
        JsonNode admin = newKey("admin");
        assertThat(run("account", "create", "acme", "--key", admin.path("file").asText())).isZero();
        JsonNode wallet = newKey("wallet");
        JsonNode lena = newKey("lena", "--type", "ed25519");

        assertThat(run("actor", "add", "acme", wallet.path("actorId").asText(), "--roles", "lead, minter",
                "--key", admin.path("file").asText())).as(err()).isZero();
        JsonNode body = JSON.readTree(server.last().body());
        assertThat(body.path("roles").toString()).isEqualTo("[\"lead\",\"minter\"]");
        assertThat(body.path("keys")).containsExactly(wallet.path("key"));

        // the actor id comes from the key file; its secret never leaves this machine
        assertThat(run("actor", "add", "acme", "--actor-key", lena.path("file").asText(),
                "--key", admin.path("file").asText())).as(err()).isZero();
        body = JSON.readTree(server.last().body());
        assertThat(body.path("actorId").asText()).isEqualTo("user:lena");
        assertThat(body.path("keys")).containsExactly(lena.path("key"));
        assertThat(server.last().body()).doesNotContain("privateKey");

        // both can now log in with their own keys
        assertThat(run("token", "acme", "--key", wallet.path("file").asText())).as(err()).isZero();
        assertThat(run("token", "acme", "--key", lena.path("file").asText())).as(err()).isZero();
        assertThat(out()).startsWith("test-token.acme.user:lena");

        // a non-admin is refused by the server, and the CLI says so
        assertThat(run("actor", "add", "acme", "user:bob", "--key", lena.path("file").asText())).isEqualTo(1);
        assertThat(err()).contains("403").contains("only admins register actors");
    }

    @Test
    void the_command_url_option_wins_over_the_environment_and_a_dead_url_gets_a_hint() throws Exception {
        JsonNode key = newKey("alice");
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        env.put(CliContext.COMMAND_URL_ENV, "http://localhost:" + deadPort);
        assertThat(run("account", "create", "acme", "--key", key.path("file").asText())).isEqualTo(1);
        assertThat(err()).contains("nothing answers at http://localhost:" + deadPort)
                .contains("./operadb dev").contains("--command-url");

        assertThat(run("account", "create", "acme", "--key", key.path("file").asText(), "--command-url",
                server.url() + "/")).as(err()).isZero();
        assertThat(server.last().account()).isEqualTo("acme");
    }

    @Test
    void a_wrong_command_line_is_a_usage_error_with_exit_code_2_and_sends_nothing() throws Exception {
        JsonNode key = newKey("alice");
        String file = key.path("file").asText();
        Map<String[], String> cases = new LinkedHashMap<>();
        cases.put(new String[]{"account", "create", "acme"}, "missing --key");
        cases.put(new String[]{"account", "create", "--key", file}, "missing <account>");
        cases.put(new String[]{"account", "create", "Acme!", "--key", file}, "an account name is");
        cases.put(new String[]{"token", "acme", "--key", file, "--kye", "x"}, "unknown option --kye");
        cases.put(new String[]{"token", "acme", "--key", file, "--key", file}, "--key is given twice");
        cases.put(new String[]{"token", "acme", "--key"}, "--key needs a value");
        cases.put(new String[]{"token", "acme", "extra", "--key", file}, "unexpected argument extra");
        cases.put(new String[]{"token", "acme", "--key", file, "--actor", "alice"}, "an actor id is like");
        cases.put(new String[]{"sign", "POST", "/api/accounts/acme/schemas", "--data", "{}", "--body", "x.json",
                "--key", file}, "give the body once");
        cases.put(new String[]{"sign", "GET", "/api/accounts/acme/schemas", "--account", "other", "--key", file},
                "the path names account acme, --account says other");
        cases.put(new String[]{"sign", "POST", "/api/accounts", "--data", "{}", "--key", file},
                "the body has no \"account\"");
        cases.put(new String[]{"sign", "GET", "api/accounts/acme", "--key", file}, "the path starts with /");
        cases.put(new String[]{"sign", "GET", "--key", file}, "missing <path-with-query>");
        cases.put(new String[]{"sign", "GET", "/api/accounts/acme", "--key", file, "--json=yes"}, "--json takes no value");
        cases.put(new String[]{"key", "new", "--type", "rsa"}, "--type is secp256k1 or ed25519");
        cases.put(new String[]{"key", "new", "../escape"}, "a key name is");
        cases.put(new String[]{"actor", "add", "acme", "--key", file}, "missing <actorId>");
        cases.put(new String[]{"frobnicate"}, "unknown command: frobnicate");
        int before = server.accepted.size();
        for (Map.Entry<String[], String> entry : cases.entrySet()) {
            assertThat(run(entry.getKey())).as(String.join(" ", entry.getKey()) + "\n" + err()).isEqualTo(2);
            assertThat(err()).as(String.join(" ", entry.getKey())).contains(entry.getValue()).contains("Usage:");
            assertThat(out()).isEmpty();
        }
        assertThat(server.accepted).hasSize(before);
        assertThat(Files.exists(dir.resolve("escape.json"))).isFalse();
    }

    @Test
    void missing_or_broken_key_files_are_reported_by_name() throws Exception {
        assertThat(run("token", "acme", "--key", "nope.json")).isEqualTo(1);
        assertThat(err()).contains("no file " + dir.resolve("nope.json")).contains("./operadb key new");
        Files.writeString(dir.resolve("public.json"), "{\"type\":\"secp256k1\",\"address\":\"0x" + "ab".repeat(20) + "\"}");
        assertThat(run("token", "acme", "--key", "public.json")).isEqualTo(1);
        assertThat(err()).contains("has no privateKey");
        Files.writeString(dir.resolve("broken.json"), "{\"type\":\"ed25519\",\"privateKey\":\"AAAA\"}");
        assertThat(run("token", "acme", "--key", "broken.json")).isEqualTo(1);
        assertThat(err()).contains("is not a usable key file");
    }

    @Test
    void help_lists_every_command_and_each_command_has_its_own() {
        assertThat(run()).isEqualTo(2);
        for (Command command : OperaDbCli.COMMANDS) {
            assertThat(err()).contains("./operadb " + command.usage());
        }
        assertThat(run("sign", "--help")).isZero();
        assertThat(out()).startsWith("Usage: ./operadb sign <METHOD> <path-with-query>");
    }

    /** Reads the {@code -H 'Name: value' \} lines back, as the shell would. */
    private static Map<String, String> headerLines(String output) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = output.strip().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = HEADER_LINE.matcher(lines[i]);
            assertThat(matcher.matches()).as(lines[i]).isTrue();
            assertThat(matcher.group(3) != null).as("a continuation on all lines but the last").isEqualTo(i < lines.length - 1);
            headers.put(matcher.group(1), matcher.group(2));
        }
        return headers;
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
