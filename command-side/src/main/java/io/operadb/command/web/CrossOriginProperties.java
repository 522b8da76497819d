package io.operadb.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Which web pages served elsewhere may call the command API from a browser.
 *
 * @param corsAllowedOrigins origins ({@code http://host:port}) allowed to send commands cross-origin, such as the
 *                           query side serving the Explorer; empty (the default when run alone) allows none. The
 *                           embedded default sets it to its own query side.
 */
@ConfigurationProperties("operadb.command")
public record CrossOriginProperties(List<String> corsAllowedOrigins) {

    public CrossOriginProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    }
}
