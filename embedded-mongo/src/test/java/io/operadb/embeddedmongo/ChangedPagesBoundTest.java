package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangedPagesBoundTest {

    private static final long MB = 1024 * 1024;

    @Test
    void the_bound_is_a_sixteenth_of_the_heap_within_its_limits() {
        assertThat(ChangedPagesBound.maxWrittenBytes(2048 * MB)).isEqualTo(128 * MB);
        assertThat(ChangedPagesBound.maxWrittenBytes(1024 * MB)).isEqualTo(ChangedPagesBound.MIN_WRITTEN_BYTES);
        assertThat(ChangedPagesBound.maxWrittenBytes(16 * 1024 * MB)).isEqualTo(ChangedPagesBound.MAX_WRITTEN_BYTES);
        assertThat(ChangedPagesBound.maxWrittenBytes(Long.MAX_VALUE)).isEqualTo(ChangedPagesBound.MIN_WRITTEN_BYTES);
    }

    @Test
    void before_any_checkpoint_the_estimate_is_taken_at_its_word() {
        ChangedPagesBound bound = new ChangedPagesBound(64 * MB);

        assertThat(bound.exceededBy(64 * MB)).isFalse();
        assertThat(bound.exceededBy(64 * MB + 1)).isTrue();
    }

    @Test
    void an_estimate_that_overcounted_the_written_bytes_is_scaled_down_by_as_much() {
        ChangedPagesBound bound = new ChangedPagesBound(64 * MB);

        bound.checkpointed(54 * MB, 30 * MB); // counted pages 1.8 times, as random-key inserts do

        assertThat(bound.exceededBy(110 * MB)).isFalse(); // about 61 MB of pages
        assertThat(bound.exceededBy(120 * MB)).isTrue();  // about 67 MB
        assertThat(bound.threshold()).isEqualTo((long) (64 * MB * 1.8));
    }

    @Test
    void the_bound_learns_again_at_every_checkpoint() {
        ChangedPagesBound bound = new ChangedPagesBound(64 * MB);
        bound.checkpointed(54 * MB, 30 * MB);

        bound.checkpointed(60 * MB, 40 * MB);

        assertThat(bound.threshold()).isEqualTo(96 * MB);
    }

    @Test
    void an_estimate_below_the_written_bytes_never_raises_the_bound_above_the_written_limit() {
        ChangedPagesBound bound = new ChangedPagesBound(64 * MB);

        bound.checkpointed(10 * MB, 40 * MB);

        assertThat(bound.threshold()).isEqualTo(64 * MB);
    }

    @Test
    void the_overcount_is_capped_so_that_one_odd_checkpoint_cannot_let_the_next_write_far_beyond_the_bound() {
        ChangedPagesBound bound = new ChangedPagesBound(64 * MB);

        bound.checkpointed(1024 * MB, 1);

        assertThat(bound.threshold()).isEqualTo((long) (64 * MB * ChangedPagesBound.MAX_OVERCOUNT));
    }

    @Test
    void an_empty_checkpoint_teaches_nothing() {
        ChangedPagesBound bound = new ChangedPagesBound(64 * MB);
        bound.checkpointed(45 * MB, 30 * MB);

        bound.checkpointed(5 * MB, 0);

        assertThat(bound.threshold()).isEqualTo(96 * MB);
    }
}
