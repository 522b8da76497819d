package io.operadb.api.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.ReadRule;
import io.operadb.api.schema.ValueKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a schema's {@code read} alternatives into a {@link ReadRule}, naming what is outside its small language. */
final class ReadRuleParser {

    static final String KEY = "read";
    private static final String SUPPORTED = "a read rule is role:<name>, actor == state.<field>, actor in state.<field>,"
            + " state.<field> == '<value>' (or !=), '<role>' in actorRoles, true or false, combined with &&, || and"
            + " parentheses";
    private static final Pattern ROLE = Pattern.compile("role:([a-z][a-z0-9_-]{0,31})");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\\|\\||&&|==|!=|\\(|\\)|'[^']*'|\"[^\"]*\"|-?[0-9]+|[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)");

    private final Map<String, FieldSpec> fields;
    private final Errors errors;
    private List<String> tokens;
    private int at;
    private String path;

    private ReadRuleParser(Map<String, FieldSpec> fields, Errors errors) {
        this.fields = fields;
        this.errors = errors;
    }

    /** The rule, or null when the node is absent or has errors (reported into {@code errors}). */
    static ReadRule parse(JsonNode node, Map<String, FieldSpec> fields, Errors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(KEY, "must be a non-empty array of alternatives (leave it out to let every actor read)");
            return null;
        }
        ReadRuleParser parser = new ReadRuleParser(fields, errors);
        List<ReadRule> alternatives = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String p = KEY + "[" + i + "]";
            if (!item.isTextual() || item.asText().isBlank()) {
                errors.add(p, "must be a string: " + SUPPORTED);
                continue;
            }
            ReadRule rule = parser.alternative(item.asText().trim(), p);
            if (rule != null) {
                alternatives.add(rule);
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new ReadRule.AnyOf(alternatives);
    }

    private ReadRule alternative(String text, String p) {
        Matcher role = ROLE.matcher(text);
        if (role.matches()) {
            return new ReadRule.HasRole(role.group(1));
        }
        path = p;
        tokens = tokenize(text);
        if (tokens == null) {
            errors.add(p, "cannot read `" + text + "`: " + SUPPORTED);
            return null;
        }
        at = 0;
        try {
            ReadRule rule = or();
            if (at != tokens.size()) {
                throw new IllegalArgumentException("unexpected `" + tokens.get(at) + "`");
            }
            return rule;
        } catch (IllegalArgumentException e) {
            errors.add(p, e.getMessage() + ": " + SUPPORTED);
            return null;
        }
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int pos = 0;
        while (pos < text.length()) {
            if (text.substring(pos).isBlank()) {
                break;
            }
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            out.add(m.group(1));
            pos = m.end();
        }
        return out;
    }

    private ReadRule or() {
        List<ReadRule> parts = new ArrayList<>(List.of(and()));
        while (peek("||")) {
            at++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new ReadRule.AnyOf(parts);
    }

    private ReadRule and() {
        List<ReadRule> parts = new ArrayList<>(List.of(factor()));
        while (peek("&&")) {
            at++;
            parts.add(factor());
        }
        return parts.size() == 1 ? parts.get(0) : new ReadRule.AllOf(parts);
    }

    private ReadRule factor() {
        String token = next();
        if (token.equals("(")) {
            ReadRule inner = or();
            expect(")");
            return inner;
        }
        if (token.equals("true") || token.equals("false")) {
            return new ReadRule.Constant(token.equals("true"));
        }
        String operator = next();
        String right = next();
        if (operator.equals("==") || operator.equals("!=")) {
            boolean negated = operator.equals("!=");
            if (!negated && token.equals("actor") && right.startsWith("state.")) {
                return actorIs(right.substring(6));
            }
            if (!negated && right.equals("actor") && token.startsWith("state.")) {
                return actorIs(token.substring(6));
            }
            if (token.startsWith("state.") && isLiteral(right)) {
                return stateEquals(token.substring(6), right, negated);
            }
            if (right.startsWith("state.") && isLiteral(token)) {
                return stateEquals(right.substring(6), token, negated);
            }
        } else if (operator.equals("in")) {
            if (token.equals("actor") && right.startsWith("state.")) {
                return actorIn(right.substring(6));
            }
            if (right.equals("actorRoles") && (token.startsWith("'") || token.startsWith("\""))) {
                return new ReadRule.HasRole(token.substring(1, token.length() - 1));
            }
        }
        throw new IllegalArgumentException("`" + token + " " + operator + " " + right + "` is not supported");
    }

    private static boolean isLiteral(String token) {
        return token.startsWith("'") || token.startsWith("\"") || token.equals("true") || token.equals("false")
                || token.matches("-?[0-9]+");
    }

    private ReadRule stateEquals(String statePath, String literal, boolean negated) {
        io.operadb.api.schema.FieldType spec = field(statePath);
        Object value;
        if (literal.startsWith("'") || literal.startsWith("\"")) {
            value = literal.substring(1, literal.length() - 1);
            if (spec.kind() != ValueKind.STRING && spec.kind() != ValueKind.ACTOR) {
                throw new IllegalArgumentException("state." + statePath + " is not a string field");
            }
        } else if (literal.equals("true") || literal.equals("false")) {
            value = Boolean.valueOf(literal);
            if (spec.kind() != ValueKind.BOOLEAN) {
                throw new IllegalArgumentException("state." + statePath + " is not a boolean field");
            }
        } else {
            value = Long.valueOf(literal);
            if (spec.kind() != ValueKind.INTEGER) {
                throw new IllegalArgumentException("state." + statePath + " is not an integer field");
            }
        }
        return new ReadRule.StateEquals(statePath, value, negated);
    }

    private ReadRule actorIs(String statePath) {
        io.operadb.api.schema.FieldType spec = field(statePath);
        if (spec.kind() != ValueKind.ACTOR && spec.kind() != ValueKind.STRING) {
            throw new IllegalArgumentException("state." + statePath + " is not an actor or string field");
        }
        return new ReadRule.ActorIs(statePath);
    }

    private ReadRule actorIn(String statePath) {
        io.operadb.api.schema.FieldType spec = field(statePath);
        if (spec.kind() == ValueKind.MAP) {
            return new ReadRule.ActorIn(statePath, true);
        }
        if (spec.kind() == ValueKind.ARRAY) {
            return new ReadRule.ActorIn(statePath, false);
        }
        throw new IllegalArgumentException("state." + statePath + " is neither an array nor a map");
    }

    private io.operadb.api.schema.FieldType field(String dottedPath) {
        String[] names = dottedPath.split("\\.");
        io.operadb.api.schema.FieldType spec = fields.get(names[0]);
        for (int i = 1; spec != null && i < names.length; i++) {
            spec = spec.kind() == ValueKind.OBJECT ? spec.fields().get(names[i]) : null;
        }
        if (spec == null) {
            throw new IllegalArgumentException("state." + dottedPath + " is not a declared field");
        }
        return spec;
    }

    private boolean peek(String token) {
        return at < tokens.size() && tokens.get(at).equals(token);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("the rule ends too early");
        }
        return tokens.get(at++);
    }

    private void expect(String token) {
        if (!next().equals(token)) {
            throw new IllegalArgumentException("expected `" + token + "`");
        }
    }
}
