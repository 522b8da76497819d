package io.operadb.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One command's arguments: positionals in order, {@code --name value} / {@code --name=value} options and
 * {@code --flag}s. Each command declares the options it knows, so a misspelt one is an error, not silently ignored.
 */
public final class Args {

    private final List<String> positionals;
    private final Map<String, String> options;

    private Args(List<String> positionals, Map<String, String> options) {
        this.positionals = positionals;
        this.options = options;
    }

    /** {@code valued}: options that take a value; {@code flags}: options that do not. Names without the dashes. */
    public static Args parse(List<String> argv, Set<String> valued, Set<String> flags) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean onlyPositionals = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (onlyPositionals || !arg.startsWith("--") || arg.equals("--")) {
                if (arg.equals("--") && !onlyPositionals) {
                    onlyPositionals = true;
                } else {
                    positionals.add(arg);
                }
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value;
            if (valued.contains(name)) {
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < argv.size()) {
                    value = argv.get(++i);
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            } else if (flags.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else {
                throw new UsageException("unknown option --" + name);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new Args(List.copyOf(positionals), options);
    }

    public List<String> positionals() {
        return positionals;
    }

    /** The positional at {@code index}, or a usage error naming what is missing. */
    public String positional(int index, String what) {
        if (index >= positionals.size()) {
            throw new UsageException("missing " + what);
        }
        return positionals.get(index);
    }

    public Optional<String> positionalIfAny(int index) {
        return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
    }

    /** Refuses positionals beyond the {@code count} a command takes. */
    public Args atMostPositionals(int count) {
        if (positionals.size() > count) {
            throw new UsageException("unexpected argument " + positionals.get(count));
        }
        return this;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String required(String name, String hint) {
        return option(name).orElseThrow(() -> new UsageException("missing --" + name + " " + hint));
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }
}
