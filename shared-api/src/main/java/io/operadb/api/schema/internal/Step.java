package io.operadb.api.schema.internal;

import io.operadb.api.schema.expr.Expr;

import java.util.List;

/**
 * One compiled reducer step: its kind, its target path and the companion expression (null for {@code unset}).
 * {@code where} is the step's location in the document ({@code actions.x.reduce[2]}); {@code when}, if not null, is a
 * boolean expression: the step runs only when it is true.
 */
public record Step(Kind kind, String where, StepPath path, Expr value, Expr when) {

    public enum Kind {
        SET("set", "to"), UNSET("unset", null), ADD("add", "by"), SUBTRACT("subtract", "by"),
        APPEND("append", "value"), REMOVE("remove", "value"), MERGE("merge", "with");

        public final String keyword;
        public final String companion;

        Kind(String keyword, String companion) {
            this.keyword = keyword;
            this.companion = companion;
        }

        public static Kind of(String keyword) {
            for (Kind k : values()) {
                if (k.keyword.equals(keyword)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * A target path: a declared root field then static keys or bracketed key expressions; {@code types.get(i)}
     * is the declared type after segment i (types.get(0) is the root's type; null when unknown).
     */
    public record StepPath(String source, List<Segment> segments, List<FieldSpec> types) {

        public StepPath {
            segments = List.copyOf(segments);
            types = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(types));
        }

        public FieldSpec targetType() {
            return types.get(types.size() - 1);
        }
    }

    /** A path segment: a static key, or an expression giving the key (a map index). */
    public record Segment(String key, Expr keyExpr) {
    }
}
