package io.operadb.api.entity.step;

import io.operadb.api.schema.ValueKind;
import io.operadb.api.schema.expr.EvalContext;
import io.operadb.api.schema.expr.ExprException;
import io.operadb.api.schema.internal.CompiledAction;
import io.operadb.api.schema.internal.FieldSpec;
import io.operadb.api.schema.internal.Step;
import io.operadb.api.schema.internal.Values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an action's reducer steps on a (canonical, mutable, privately owned) state: the one implementation used by
 * both the decider and the reducer. Each step sees the state as left by the previous ones.
 */
public final class StepEngine {

    private StepEngine() {
    }

    /** A step failed; {@code where} is its document path ({@code actions.x.reduce[1]}). */
    public static final class StepFailure extends Exception {

        private final String where;
        private final String reason;

        public StepFailure(String where, String reason) {
            super("reducer step " + where + " failed: " + reason, null, false, false);
            this.where = where;
            this.reason = reason;
        }

        public String where() {
            return where;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Runs the action on {@code context.state()}, mutating it: first the workflow (a creating action starts it at
     * its initial value, a moving action records the actor's approval and moves once the step has enough), then
     * every step whose {@code when} holds.
     */
    public static void run(CompiledAction action, EvalContext context) throws StepFailure {
        Map<String, Object> state = context.state();
        if (action.workflow() != null && (action.creates() || action.moves() != null)) {
            String where = "actions." + action.name() + (action.creates() ? " (workflow start)" : ".moves");
            try {
                if (action.creates()) {
                    WorkflowEngine.start(action.workflow(), context);
                } else {
                    WorkflowEngine.move(action.workflow(), action.moves(), context);
                }
            } catch (ExprException e) {
                throw new StepFailure(where, e.getMessage());
            } finally {
                context.stateChanged();
            }
        }
        for (Step step : action.steps()) {
            try {
                if (step.when() != null && !Boolean.TRUE.equals(step.when().eval(context))) {
                    continue;
                }
                apply(step, state, context);
            } catch (ExprException e) {
                throw new StepFailure(step.where(), e.getMessage());
            } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
                throw new StepFailure(step.where(), String.valueOf(e.getMessage()));
            } finally {
                context.stateChanged();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(Step step, Map<String, Object> state, EvalContext context) throws ExprException {
        Step.StepPath path = step.path();
        List<Step.Segment> segments = path.segments();
        int n = segments.size();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            Step.Segment seg = segments.get(i);
            keys[i] = seg.key() != null ? seg.key() : key(seg.keyExpr().eval(context), seg.keyExpr().source());
        }
        // evaluate the companion before touching the state
        Object value = step.value() == null ? null : step.value().eval(context);

        boolean creates = step.kind() != Step.Kind.UNSET && step.kind() != Step.Kind.REMOVE;
        Map<String, Object> container = state;
        for (int i = 0; i < n - 1; i++) {
            Object child = container.get(keys[i]);
            if (child == null) {
                if (!creates) {
                    return;
                }
                child = new LinkedHashMap<String, Object>();
                container.put(keys[i], child);
            } else if (!(child instanceof Map)) {
                throw new ExprException("'" + shown(keys, i + 1) + "' is not an object or map");
            }
            container = (Map<String, Object>) child;
        }
        String last = keys[n - 1];
        FieldSpec type = path.targetType();
        switch (step.kind()) {
            case SET -> {
                Object c = canonical(type, value);
                if (c == null) {
                    container.remove(last);
                } else {
                    container.put(last, c);
                }
            }
            case UNSET -> container.remove(last);
            case ADD, SUBTRACT -> container.put(last, canonical(type,
                    arithmetic(type, container.get(last), value, step.kind() == Step.Kind.SUBTRACT, shown(keys, n))));
            case APPEND -> {
                if (value == null) {
                    throw new ExprException("cannot append null to '" + shown(keys, n) + "'");
                }
                Object cur = container.get(last);
                List<Object> list;
                if (cur == null) {
                    list = new ArrayList<>();
                    container.put(last, list);
                } else if (cur instanceof List) {
                    list = (List<Object>) cur;
                } else {
                    throw new ExprException("'" + shown(keys, n) + "' is not an array");
                }
                FieldSpec item = type == null ? null : type.elementSpec();
                list.add(canonical(type == null ? null : item, value));
            }
            case REMOVE -> {
                Object cur = container.get(last);
                if (cur == null) {
                    return;
                }
                if (!(cur instanceof List)) {
                    throw new ExprException("'" + shown(keys, n) + "' is not an array");
                }
                FieldSpec item = type == null ? null : type.elementSpec();
                Object c = canonical(type == null ? null : item, value);
                ((List<Object>) cur).removeIf(x -> sameValue(x, c));
            }
            case MERGE -> {
                if (value == null) {
                    return;
                }
                if (!(value instanceof Map<?, ?> with)) {
                    throw new ExprException("merge needs an object or map, got " + describe(value));
                }
                Object cur = container.get(last);
                Map<String, Object> target;
                if (cur == null) {
                    target = new LinkedHashMap<>();
                    container.put(last, target);
                } else if (cur instanceof Map) {
                    target = (Map<String, Object>) cur;
                } else {
                    throw new ExprException("'" + shown(keys, n) + "' is not an object or map");
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : with.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    FieldSpec sub = type == null ? null
                            : type.kind() == ValueKind.OBJECT ? type.fieldSpecs().get(k)
                            : type.kind() == ValueKind.MAP ? type.elementSpec() : null;
                    copy.put(k, e.getValue() == null ? null
                            : type != null && type.open() ? Values.free(e.getValue()) : canonical(sub, e.getValue()));
                }
                for (Map.Entry<String, Object> e : copy.entrySet()) {
                    if (e.getValue() == null) {
                        target.remove(e.getKey());
                    } else {
                        target.put(e.getKey(), e.getValue());
                    }
                }
            }
            default -> throw new IllegalStateException("step " + step.kind());
        }
    }

    /**
     * A step's value in canonical form for its target: by the declared type, or, for a target inside a free-form
     * object (no declared type), as free-form content (non-integer numbers as exact decimal strings).
     */
    private static Object canonical(FieldSpec type, Object value) {
        return type == null ? Values.free(value) : Values.canonical(type, coerce(type, value));
    }

    /**
     * What an expression gave, as the canonical value of a field of this type (null type: free-form), exactly as a
     * {@code set} step stores it; schema migrations store their values through it too.
     */
    public static Object fieldValue(FieldSpec type, Object value) {
        return canonical(type, value);
    }

    /** Map keys from bracket expressions: strings, or integers as their decimal string. */
    private static String key(Object v, String source) throws ExprException {
        if (v instanceof String s) {
            return s;
        }
        if (Values.isIntegral(v)) {
            return String.valueOf(((Number) v).longValue());
        }
        throw new ExprException("[" + source + "] must give a string key, got " + describe(v));
    }

    /**
     * Converts what an expression gave to the declared type where that is unambiguous: a CEL double or integer into
     * a decimal field, an integral double into an integer field. Anything else is left for state validation.
     */
    private static Object coerce(FieldSpec type, Object v) {
        if (type == null || v == null) {
            return v;
        }
        if (type.kind() == ValueKind.DECIMAL && v instanceof Number) {
            BigDecimal d = Values.toBigDecimal(v);
            return d == null ? v : d;
        }
        if (type.kind() == ValueKind.INTEGER && v instanceof Number) {
            Long l = Values.toLong(v);
            return l == null ? v : l;
        }
        return v;
    }

    private static Object arithmetic(FieldSpec type, Object cur, Object by, boolean subtract, String where)
            throws ExprException {
        if (cur == null) {
            cur = 0L;
        }
        if (by == null) {
            by = 0L;
        }
        if (!(cur instanceof Number)) {
            throw new ExprException("'" + where + "' is not a number: " + describe(cur));
        }
        ValueKind kind = type == null ? null : type.kind();
        if (by instanceof String str && kind != ValueKind.INTEGER && Values.toBigDecimal(str) != null) {
            by = Values.toBigDecimal(str); // a decimal written as a string: '0.1' is exact
        }
        if (!(by instanceof Number)) {
            throw new ExprException("cannot " + (subtract ? "subtract " : "add ") + describe(by) + ": not a number");
        }
        if (kind == ValueKind.INTEGER || (kind == null && Values.isIntegral(cur) && Values.isIntegral(by))) {
            Long a = Values.toLong(cur);
            Long b = Values.toLong(by);
            if (a == null) {
                throw new ExprException("'" + where + "' is not an integer: " + describe(cur));
            }
            if (b == null) {
                throw new ExprException("cannot " + (subtract ? "subtract " : "add ") + describe(by)
                        + " to an integer field");
            }
            try {
                return subtract ? Math.subtractExact(a, b) : Math.addExact(a, b);
            } catch (ArithmeticException e) {
                throw new ExprException("integer overflow at '" + where + "'");
            }
        }
        BigDecimal a = Values.toBigDecimal(cur);
        BigDecimal b = Values.toBigDecimal(by);
        if (a == null || b == null) {
            throw new ExprException("not a finite number: " + describe(a == null ? cur : by));
        }
        return Values.normalize(subtract ? a.subtract(b) : a.add(b));
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return java.util.Objects.equals(a, b);
    }

    private static String shown(String[] keys, int count) {
        return String.join(".", java.util.Arrays.copyOf(keys, count));
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = String.valueOf(v);
        if (s.length() > 60) {
            s = s.substring(0, 57) + "...";
        }
        return s + " (" + v.getClass().getSimpleName() + ")";
    }
}
