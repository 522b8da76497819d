package io.operadb.signing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningTest {

    /** A well-known test key (Hardhat's first account); never holds anything. */
    static final String WALLET_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String WALLET_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    @Test
    void the_canonical_string_is_six_lines_without_a_trailing_newline_and_hashes_an_empty_body_as_empty() {
        CanonicalRequest request = CanonicalRequest.of("post", "/api/accounts/acme/token?x=1", new byte[0], "acme",
                1_700_000_000_000L, "n1");
        assertThat(request.text()).isEqualTo("POST\n/api/accounts/acme/token?x=1\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nacme\n1700000000000\nn1");
        assertThat(CanonicalRequest.parse(request.text())).contains(request);
        assertThat(CanonicalRequest.parse("POST\n/x")).isEmpty();
    }

    @Test
    void an_eip191_signature_recovers_the_signers_address_and_a_changed_message_recovers_another() {
        SigningKey key = SigningKey.secp256k1(WALLET_KEY);
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        String signature = key.sign(message);
        assertThat(signature).matches("0x[0-9a-f]{130}");
        assertThat(Eip191.recoverAddress(message, signature)).isEqualTo(WALLET_ADDRESS);
        assertThat(Eip191.recoverAddress("hellO".getBytes(StandardCharsets.UTF_8), signature))
                .isNotEqualTo(WALLET_ADDRESS);
        assertThat(key.publicPart()).isEqualTo(Map.of("type", "secp256k1", "address", WALLET_ADDRESS));
    }

    @Test
    void malformed_eip191_signatures_are_refused_with_a_reason() {
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Eip191.recoverAddress(message, "0x1234"))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("130 hex digits");
        String badV = "0x" + "11".repeat(64) + "05";
        assertThatThrownBy(() -> Eip191.recoverAddress(message, badV))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("27 or 28");
        String zero = "0x" + "00".repeat(64) + "1b";
        assertThatThrownBy(() -> Eip191.recoverAddress(message, zero)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void ed25519_keys_sign_and_verify_and_survive_a_key_file_round_trip() {
        SigningKey key = SigningKey.generate(SigningKey.ED25519);
        byte[] message = "payload".getBytes(StandardCharsets.UTF_8);
        String signature = key.sign(message);
        String publicKey = key.publicPart().get("publicKey");
        assertThat(Ed25519.verify(publicKey, message, signature)).isTrue();
        assertThat(Ed25519.verify(publicKey, "other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        SigningKey reloaded = SigningKey.fromFile(key.toFile());
        assertThat(reloaded.publicPart()).isEqualTo(key.publicPart());
        assertThat(Ed25519.verify(publicKey, message, reloaded.sign(message))).isTrue();
        SigningKey other = SigningKey.generate(SigningKey.ED25519);
        assertThat(Ed25519.verify(other.publicPart().get("publicKey"), message, signature)).isFalse();
    }

    @Test
    void malformed_ed25519_keys_and_signatures_are_refused() {
        assertThat(Ed25519.isPublicKey("short")).isFalse();
        assertThat(Ed25519.isPublicKey(java.util.Base64.getEncoder().encodeToString(new byte[31]))).isFalse();
        String publicKey = SigningKey.generate(SigningKey.ED25519).publicPart().get("publicKey");
        assertThatThrownBy(() -> Ed25519.verify(publicKey, new byte[1], "!!not base64"))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> Ed25519.verify(publicKey, new byte[1], "AAAA"))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("64 bytes");
    }

    @Test
    void a_secp256k1_key_file_round_trips_to_the_same_address() {
        SigningKey key = SigningKey.generate(SigningKey.SECP256K1);
        assertThat(SigningKey.fromFile(key.toFile()).publicPart()).isEqualTo(key.publicPart());
    }

    @Test
    void a_request_signed_by_ethers_under_node_matches_the_java_canonical_string_and_recovers_the_wallet() {
        byte[] body = "{\"data\":{\"amount\":\"1.50\"}}".getBytes(StandardCharsets.UTF_8);
        EthersClient ethers = EthersClient.forModule(Path.of("").toAbsolutePath());
        JsonNode signed = ethers.sign(WALLET_KEY, "POST", "/api/accounts/acme/entities/coin/c1/transfer?x=1", body,
                "acme", 1_700_000_000_000L, "abc123");
        CanonicalRequest canonical = CanonicalRequest.of("POST", "/api/accounts/acme/entities/coin/c1/transfer?x=1",
                body, "acme", 1_700_000_000_000L, "abc123");
        assertThat(signed.path("canonical").asText()).isEqualTo(canonical.text());
        String signature = signed.path("headers").path(RequestSigner.SIGNATURE).asText();
        assertThat(Eip191.recoverAddress(canonical.bytes(), signature)).isEqualTo(WALLET_ADDRESS);
        // the same key signs the same bytes the same way in Java (RFC 6979 deterministic nonces)
        assertThat(SigningKey.secp256k1(WALLET_KEY).sign(canonical.bytes())).isEqualTo(signature);
    }
}
