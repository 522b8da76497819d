package io.operadb.query.explorer;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The one thing the Explorer cannot learn from the public APIs: where the command API is. Part of the page, not of
 * the API contract, hence hidden from the OpenAPI description.
 */
@Hidden
@RestController
@ConditionalOnProperty(prefix = "operadb.query.explorer", name = "enabled", matchIfMissing = true)
public class ExplorerConfigController {

    private final ExplorerProperties properties;

    public ExplorerConfigController(ExplorerProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/explorer/config.json")
    public ResponseEntity<Map<String, Object>> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("commandApiUrl", properties.commandApiUrl()));
    }
}
