package io.operadb.api.schema.expr;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.operadb.api.schema.internal.Values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact decimal arithmetic and comparison inside CEL, where decimals are otherwise doubles:
 * {@code decimal.cmp(a, b)} (-1, 0, 1), {@code decimal.eq / lt / lte / gt / gte(a, b)} (bool),
 * {@code decimal.add / sub / mul(a, b)} and {@code decimal.of(a)} (an exact decimal string, usable as the value
 * of a decimal field or as an argument again), {@code decimal.scale(a)} (digits after the point, trailing zeros
 * ignored).
 * <p>
 * Arguments may be integers, numeric strings ({@code '0.1'}, exact) or doubles. A double that is the CEL view of
 * a decimal of {@code state} or {@code params}, passed on as it is (through fields, indexes, conditionals), is taken
 * at that decimal's exact value: the evaluation context knows which double instance stands for which decimal. So
 * {@code decimal.gte(actor in state.balances ? state.balances[actor] : 0, params.amount)} is exact at any
 * precision. Any other double (a CEL literal such as {@code 0.1}, or the result of CEL arithmetic) is read as the
 * shortest decimal that converts back to it (exact for up to 15 significant digits). Deterministic: nothing depends
 * on the platform.
 */
final class DecimalFunctions {

    /** The context of the evaluation running on this thread, set by {@link CelEnvironment.CelExpr#eval}. */
    static final ThreadLocal<EvalContext> CURRENT = new ThreadLocal<>();

    private static final String[] COMPARISONS = {"eq", "lt", "lte", "gt", "gte"};
    private static final String[] ARITHMETIC = {"add", "sub", "mul"};

    private DecimalFunctions() {
    }

    static List<CelFunctionDecl> declarations() {
        List<CelFunctionDecl> out = new ArrayList<>();
        out.add(binary("cmp", SimpleType.INT));
        for (String name : COMPARISONS) {
            out.add(binary(name, SimpleType.BOOL));
        }
        for (String name : ARITHMETIC) {
            out.add(binary(name, SimpleType.STRING));
        }
        out.add(CelFunctionDecl.newFunctionDeclaration("decimal.of",
                CelOverloadDecl.newGlobalOverload("decimal_of_dyn", SimpleType.STRING, SimpleType.DYN)));
        out.add(CelFunctionDecl.newFunctionDeclaration("decimal.scale",
                CelOverloadDecl.newGlobalOverload("decimal_scale_dyn", SimpleType.INT, SimpleType.DYN)));
        return out;
    }

    private static CelFunctionDecl binary(String name, CelType result) {
        return CelFunctionDecl.newFunctionDeclaration("decimal." + name,
                CelOverloadDecl.newGlobalOverload("decimal_" + name + "_dyn_dyn", result, SimpleType.DYN,
                        SimpleType.DYN));
    }

    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> out = new ArrayList<>();
        out.add(CelFunctionBinding.from("decimal_cmp_dyn_dyn", Object.class, Object.class,
                (a, b) -> (long) exact(a).compareTo(exact(b))));
        out.add(CelFunctionBinding.from("decimal_eq_dyn_dyn", Object.class, Object.class,
                (a, b) -> exact(a).compareTo(exact(b)) == 0));
        out.add(CelFunctionBinding.from("decimal_lt_dyn_dyn", Object.class, Object.class,
                (a, b) -> exact(a).compareTo(exact(b)) < 0));
        out.add(CelFunctionBinding.from("decimal_lte_dyn_dyn", Object.class, Object.class,
                (a, b) -> exact(a).compareTo(exact(b)) <= 0));
        out.add(CelFunctionBinding.from("decimal_gt_dyn_dyn", Object.class, Object.class,
                (a, b) -> exact(a).compareTo(exact(b)) > 0));
        out.add(CelFunctionBinding.from("decimal_gte_dyn_dyn", Object.class, Object.class,
                (a, b) -> exact(a).compareTo(exact(b)) >= 0));
        out.add(CelFunctionBinding.from("decimal_add_dyn_dyn", Object.class, Object.class,
                (a, b) -> text(exact(a).add(exact(b)))));
        out.add(CelFunctionBinding.from("decimal_sub_dyn_dyn", Object.class, Object.class,
                (a, b) -> text(exact(a).subtract(exact(b)))));
        out.add(CelFunctionBinding.from("decimal_mul_dyn_dyn", Object.class, Object.class,
                (a, b) -> text(exact(a).multiply(exact(b)))));
        out.add(CelFunctionBinding.from("decimal_of_dyn", Object.class, a -> text(exact(a))));
        out.add(CelFunctionBinding.from("decimal_scale_dyn", Object.class,
                a -> (long) Math.max(0, Values.normalize(exact(a)).scale())));
        return out;
    }

    private static String text(BigDecimal d) {
        return Values.normalize(d).toPlainString();
    }

    /** An argument at its exact decimal value. */
    static BigDecimal exact(Object v) throws CelEvaluationException {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof UnsignedLong u) {
            return new BigDecimal(u.bigIntegerValue());
        }
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new CelEvaluationException("decimal functions need a finite number, got " + d);
            }
            EvalContext context = CURRENT.get();
            BigDecimal known = context == null ? null : context.exactDecimal(d);
            return known != null ? known : shortest(d);
        }
        if (v instanceof String s) {
            BigDecimal d = Values.toBigDecimal(s);
            if (d == null) {
                throw new CelEvaluationException("not a decimal number: '" + s + "'");
            }
            return d;
        }
        throw new CelEvaluationException("decimal functions need a number or a numeric string, got "
                + (v == null || v instanceof dev.cel.common.values.NullValue ? "null" : v.getClass().getSimpleName()));
    }

    /** The shortest decimal (at most 17 significant digits) that converts back to exactly this double. */
    static BigDecimal shortest(double d) {
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal binary = new BigDecimal(d);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal candidate = binary.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return Values.normalize(candidate);
            }
        }
        return Values.normalize(binary);
    }
}
