package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On the embedded default, a token the command side issues is accepted by the query side, whatever else is set. */
class EmbeddedTokensTest {

    @Test
    void a_token_from_the_command_side_reads_from_the_query_side() {
        try (OperaDb db = OperaDb.start(DevSettings.ephemeral(), Map.of("spring.main.banner-mode", "off"))) {
            assertThat(db.commandSide().getEnvironment().getProperty("operadb.security.token-secret"))
                    .isNotBlank()
                    .isEqualTo(db.querySide().getEnvironment().getProperty("operadb.security.token-secret"));
            Http commands = new Http("http://localhost:" + db.commandPort());
            assertThat(commands.as("user:tok").post("/api/accounts", "{\"account\":\"tokens\",\"owner\":{\"actorId\":"
                    + "\"user:tok\",\"keys\":" + TestIdentities.keysJson("user:tok") + "}}").status()).isEqualTo(201);
            String token = commands.as("user:tok").post("/api/accounts/tokens/token", null).json().path("token")
                    .asText();
            Http.Response read = new Http("http://localhost:" + db.queryPort()).withToken(token)
                    .get("/api/accounts/tokens/schemas");
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
        }
    }
}
