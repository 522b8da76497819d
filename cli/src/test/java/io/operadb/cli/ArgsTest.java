package io.operadb.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgsTest {

    private static Args parse(String... argv) {
        return Args.parse(List.of(argv), Set.of("key", "data"), Set.of("json"));
    }

    @Test
    void options_take_their_value_after_a_space_or_an_equals_sign_anywhere_among_the_positionals() {
        Args args = parse("POST", "--key", "k.json", "/api/x", "--data={\"a\":\"b=c\"}", "--json");
        assertThat(args.positionals()).containsExactly("POST", "/api/x");
        assertThat(args.option("key")).contains("k.json");
        assertThat(args.option("data")).contains("{\"a\":\"b=c\"}");
        assertThat(args.flag("json")).isTrue();
        assertThat(args.option("missing")).isEmpty();
    }

    @Test
    void a_double_dash_ends_the_options_so_a_value_may_start_with_dashes() {
        Args args = parse("--key", "--json", "--", "--data", "-x");
        assertThat(args.option("key")).contains("--json");
        assertThat(args.flag("json")).isFalse();
        assertThat(args.positionals()).containsExactly("--data", "-x");
    }

    @Test
    void unknown_repeated_valueless_or_value_taking_flags_are_refused_by_name() {
        assertThatThrownBy(() -> parse("--kee", "x")).isInstanceOf(UsageException.class).hasMessage("unknown option --kee");
        assertThatThrownBy(() -> parse("--json", "--json")).hasMessage("--json is given twice");
        assertThatThrownBy(() -> parse("--data")).hasMessage("--data needs a value");
        assertThatThrownBy(() -> parse("--json=1")).hasMessage("--json takes no value");
        assertThatThrownBy(() -> parse("a", "b").atMostPositionals(1)).hasMessage("unexpected argument b");
        assertThatThrownBy(() -> parse().required("key", "<file>")).hasMessage("missing --key <file>");
    }
}
