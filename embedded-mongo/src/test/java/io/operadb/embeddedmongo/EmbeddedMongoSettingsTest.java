package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class EmbeddedMongoSettingsTest {

    @Test
    void the_page_cache_defaults_to_64_mb_and_survives_the_other_withers() {
        EmbeddedMongoSettings settings = EmbeddedMongoSettings.file(Path.of("x.mv"));
        assertThat(settings.cacheSizeMb()).isEqualTo(EmbeddedMongoSettings.DEFAULT_CACHE_SIZE_MB).isEqualTo(64);
        EmbeddedMongoSettings larger = settings.withCacheSizeMb(512).withPort(1234).withHost("127.0.0.1");
        assertThat(larger.cacheSizeMb()).isEqualTo(512);
        assertThat(larger.port()).isEqualTo(1234);
        assertThat(new EmbeddedMongoSettings(null, null, 0).cacheSizeMb()).isEqualTo(64);
    }

    @Test
    void a_page_cache_below_one_mb_is_rejected() {
        assertThatThrownBy(() -> EmbeddedMongoSettings.inMemory().withCacheSizeMb(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache size");
    }
}
