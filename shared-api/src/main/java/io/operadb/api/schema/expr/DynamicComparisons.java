package io.operadb.api.schema.expr;

import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The ordering operators {@code < <= > >=}, decided by the values' run-time types.
 * <p>
 * Why: state and params are maps of {@code dyn}. cel-java's checker narrows an operator over {@code dyn} operands to
 * one overload picked at compile time (for {@code dyn >= dyn} the boolean one, for {@code dyn > 0} the integer one),
 * so {@code state.balances[actor] >= params.amount} failed at run time on two doubles and a guard quietly became
 * false. Here each operator has one {@code (dyn, dyn)} overload and compares what it gets: numbers of any kind by
 * value, strings, booleans, bytes and timestamps or durations with their own kind. Anything else is an error.
 */
final class DynamicComparisons {

    private static final Set<CelStandardDeclarations.StandardFunction> REPLACED_DECLARATIONS = Set.of(
            CelStandardDeclarations.StandardFunction.LESS, CelStandardDeclarations.StandardFunction.LESS_EQUALS,
            CelStandardDeclarations.StandardFunction.GREATER, CelStandardDeclarations.StandardFunction.GREATER_EQUALS);
    private static final Set<CelStandardFunctions.StandardFunction> REPLACED_FUNCTIONS = Set.of(
            CelStandardFunctions.StandardFunction.LESS, CelStandardFunctions.StandardFunction.LESS_EQUALS,
            CelStandardFunctions.StandardFunction.GREATER, CelStandardFunctions.StandardFunction.GREATER_EQUALS);

    private DynamicComparisons() {
    }

    static CelStandardDeclarations standardDeclarationsWithoutOrdering() {
        return CelStandardDeclarations.newBuilder()
                .filterFunctions((function, overload) -> !REPLACED_DECLARATIONS.contains(function))
                .build();
    }

    static CelStandardFunctions standardFunctionsWithoutOrdering() {
        return CelStandardFunctions.newBuilder()
                .filterFunctions((function, overload) -> !REPLACED_FUNCTIONS.contains(function))
                .build();
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                declare("_<_", "operadb_less"),
                declare("_<=_", "operadb_less_equals"),
                declare("_>_", "operadb_greater"),
                declare("_>=_", "operadb_greater_equals"));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("operadb_less", Object.class, Object.class, (a, b) -> compare(a, b) < 0),
                CelFunctionBinding.from("operadb_less_equals", Object.class, Object.class,
                        (a, b) -> compare(a, b) <= 0),
                CelFunctionBinding.from("operadb_greater", Object.class, Object.class, (a, b) -> compare(a, b) > 0),
                CelFunctionBinding.from("operadb_greater_equals", Object.class, Object.class,
                        (a, b) -> compare(a, b) >= 0));
    }

    private static CelFunctionDecl declare(String operator, String overloadId) {
        return CelFunctionDecl.newFunctionDeclaration(operator,
                CelOverloadDecl.newGlobalOverload(overloadId, SimpleType.BOOL, SimpleType.DYN, SimpleType.DYN));
    }

    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof com.google.protobuf.ByteString x && b instanceof com.google.protobuf.ByteString y) {
            return Integer.signum(com.google.protobuf.ByteString.unsignedLexicographicalComparator().compare(x, y));
        }
        if (a instanceof com.google.protobuf.Timestamp x && b instanceof com.google.protobuf.Timestamp y) {
            int bySeconds = Long.compare(x.getSeconds(), y.getSeconds());
            return bySeconds != 0 ? bySeconds : Integer.compare(x.getNanos(), y.getNanos());
        }
        if (a instanceof com.google.protobuf.Duration x && b instanceof com.google.protobuf.Duration y) {
            int bySeconds = Long.compare(x.getSeconds(), y.getSeconds());
            return bySeconds != 0 ? bySeconds : Integer.compare(x.getNanos(), y.getNanos());
        }
        if (a != null && b != null && a.getClass() == b.getClass() && a instanceof Comparable<?>) {
            @SuppressWarnings("unchecked")
            Comparable<Object> comparable = (Comparable<Object>) a;
            return Integer.signum(comparable.compareTo(b));
        }
        throw new IllegalArgumentException("cannot order " + kind(a) + " and " + kind(b));
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Integer
                || v instanceof com.google.common.primitives.UnsignedLong;
    }

    /** By exact value, so a long beyond 2^53 and a double never compare equal by rounding. */
    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Double x && (x.isNaN()) || b instanceof Double y && y.isNaN()) {
            throw new IllegalArgumentException("NaN has no order");
        }
        return exact(a).compareTo(exact(b));
    }

    private static BigDecimal exact(Object v) {
        if (v instanceof Double d) {
            if (d.isInfinite()) {
                return d > 0 ? new BigDecimal("1e400") : new BigDecimal("-1e400");
            }
            return new BigDecimal(d);
        }
        if (v instanceof com.google.common.primitives.UnsignedLong u) {
            return new BigDecimal(u.bigIntegerValue());
        }
        return BigDecimal.valueOf(((Number) v).longValue());
    }

    private static String kind(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }
}
