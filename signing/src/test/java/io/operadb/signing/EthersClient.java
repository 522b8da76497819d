package io.operadb.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs requests with {@code ethers} under Node, as a browser wallet or a Node client would. The first use installs
 * ethers from the npm registry into {@code target/}; Node and npm must be on the PATH ({@code .ci/run} checks).
 */
public final class EthersClient {

    public static final String ETHERS_VERSION = "6.17.0";

    private final Path home;
    private final Path script;

    /** {@code moduleTarget}: where to install ethers; {@code script}: the signing script. */
    public EthersClient(Path moduleTarget, Path script) {
        this.home = moduleTarget.resolve("ethers-client");
        this.script = script;
    }

    /** The client of the signing module's own test tree, resolved from a module directory beside it. */
    public static EthersClient forModule(Path moduleDirectory) {
        Path script = moduleDirectory.resolve("../signing/src/test/node/sign-request.mjs").normalize();
        if (!Files.exists(script)) {
            script = moduleDirectory.resolve("src/test/node/sign-request.mjs");
        }
        return new EthersClient(moduleDirectory.resolve("target"), script);
    }

    public synchronized JsonNode sign(String privateKeyHex, String method, String pathWithQuery, byte[] body,
                                      String account, long timestamp, String nonce) {
        install();
        try {
            Path local = home.resolve("sign-request.mjs");
            Files.copy(script, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String bodyArgument = "-";
            if (body != null && body.length > 0) {
                Path bodyFile = Files.createTempFile(home, "body", ".bin");
                Files.write(bodyFile, body);
                bodyArgument = bodyFile.toString();
            }
            String out = run(List.of("node", local.toString(), privateKeyHex, method, pathWithQuery, bodyArgument,
                    account, Long.toString(timestamp), nonce));
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the ethers client", e);
        }
    }

    private void install() {
        if (Files.exists(home.resolve("node_modules/ethers/package.json"))) {
            return;
        }
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("package.json"),
                    "{\"name\":\"operadb-ethers-client\",\"private\":true,\"type\":\"module\"}");
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "ethers@" + ETHERS_VERSION));
        } catch (IOException e) {
            throw new IllegalStateException("cannot install ethers with npm", e);
        }
    }

    private String run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(command);
        Process process = new ProcessBuilder(full).directory(home.toFile()).redirectErrorStream(true).start();
        try (InputStream stream = process.getInputStream()) {
            String out = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out.trim().lines().reduce((a, b) -> b).orElse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
