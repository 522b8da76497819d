package io.operadb.query.explorer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Explorer web console this side serves at {@code /explorer/}.
 *
 * @param commandApiUrl base URL of the command API the page sends commands to (e.g. {@code http://localhost:8080});
 *                      empty: the page assumes the query side's host on port 8080. The command side must allow this
 *                      side's origin ({@code operadb.command.cors-allowed-origins}).
 * @param enabled       whether the Explorer is served at all
 */
@ConfigurationProperties("operadb.query.explorer")
public record ExplorerProperties(String commandApiUrl, Boolean enabled) {

    public ExplorerProperties {
        commandApiUrl = commandApiUrl == null ? "" : commandApiUrl.trim().replaceAll("/+$", "");
        enabled = enabled == null || enabled;
    }
}
