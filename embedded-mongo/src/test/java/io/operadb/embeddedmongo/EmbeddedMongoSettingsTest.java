package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class EmbeddedMongoSettingsTest {

    @Test
    void the_page_cache_defaults_to_an_eighth_of_the_heap_and_survives_the_other_withers() {
        long heap = Runtime.getRuntime().maxMemory();
        EmbeddedMongoSettings settings = EmbeddedMongoSettings.file(Path.of("x.mv"));
        assertThat(settings.cacheSizeMb()).isEqualTo(EmbeddedMongoSettings.defaultCacheSizeMb(heap));
        EmbeddedMongoSettings larger = settings.withCacheSizeMb(512).withPort(1234).withHost("127.0.0.1");
        assertThat(larger.cacheSizeMb()).isEqualTo(512);
        assertThat(larger.port()).isEqualTo(1234);
        assertThat(new EmbeddedMongoSettings(null, null, 0).cacheSizeMb()).isEqualTo(EmbeddedMongoSettings.defaultCacheSizeMb(heap));
    }

    @Test
    void the_default_page_cache_grows_with_the_heap_within_its_floor() {
        assertThat(EmbeddedMongoSettings.defaultCacheSizeMb(1L << 30)).isEqualTo(128);
        assertThat(EmbeddedMongoSettings.defaultCacheSizeMb(2L << 30)).isEqualTo(256);
        assertThat(EmbeddedMongoSettings.defaultCacheSizeMb(6L << 30)).isEqualTo(768);
        assertThat(EmbeddedMongoSettings.defaultCacheSizeMb(64L << 20)).isEqualTo(16); // MVStore's own default
        assertThat(EmbeddedMongoSettings.defaultCacheSizeMb(Long.MAX_VALUE)).isEqualTo(64); // a heap without a limit
    }

    @Test
    void a_page_cache_below_one_mb_is_rejected() {
        assertThatThrownBy(() -> EmbeddedMongoSettings.inMemory().withCacheSizeMb(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache size");
    }
}
