package io.operadb.api.schema.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CEL environments of the schema language, shared and thread-safe. Guards ({@code allow}, {@code require})
 * see {@code state, params, actor, actorRoles, entity, timestamp}; reducer expressions see the same but
 * {@code actorRoles} (a reducer must be reproducible from the event alone). Standard macros ({@code has},
 * {@code all}, {@code exists}, {@code map}, {@code filter}...), the deterministic {@code strings}, {@code math}
 * and {@code lists} extensions and the exact {@code decimal.*} functions ({@link DecimalFunctions}) are available;
 * nothing reads a clock or randomness.
 */
public final class CelEnvironment {

    /** Which variables an expression may use. */
    public enum Scope {
        GUARD, REDUCE,
        /** Migrations between schema versions: {@code state} only, so a migration depends on nothing but the state. */
        MIGRATE
    }

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(100_000)
            .maxExpressionCodePointSize(10_000)
            .build();

    private static final Cel GUARD = build(Scope.GUARD);
    private static final Cel REDUCE = build(Scope.REDUCE);
    private static final Cel MIGRATE = build(Scope.MIGRATE);

    private static final Pattern PATH = Pattern.compile(
            "(state|params|entity)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)|actor|timestamp|actorRoles");
    private static final Pattern INT_LITERAL = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DEC_LITERAL = Pattern.compile("-?[0-9]{1,30}\\.[0-9]{1,30}");
    private static final Pattern STRING_LITERAL = Pattern.compile("'([^'\\\\\\n]*)'|\"([^\"\\\\\\n]*)\"");

    private CelEnvironment() {
    }

    private static Cel build(Scope scope) {
        var builder = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(DynamicComparisons.standardDeclarationsWithoutOrdering())
                .setStandardFunctions(DynamicComparisons.standardFunctionsWithoutOrdering())
                .addFunctionDeclarations(DynamicComparisons.declarations())
                .addFunctionBindings(DynamicComparisons.bindings())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.lists())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.lists())
                .addFunctionDeclarations(DecimalFunctions.declarations())
                .addFunctionBindings(DecimalFunctions.bindings())
                .addVar("state", MapType.create(SimpleType.STRING, SimpleType.DYN));
        if (scope == Scope.MIGRATE) {
            return builder.build();
        }
        builder.addVar("params", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("entity", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("actor", SimpleType.STRING)
                .addVar("timestamp", SimpleType.STRING);
        if (scope == Scope.GUARD) {
            builder.addVar("actorRoles", ListType.create(SimpleType.STRING));
        }
        return builder.build();
    }

    /** The outcome of compiling one expression: the expression and its checked type, or an error message. */
    public record Compiled(Expr expr, CelType type, String error) {

        public boolean ok() {
            return error == null;
        }

        /** Whether the checked type may be a boolean (bool or dyn). */
        public boolean maybeBoolean() {
            return type == null || type.kind() == CelKind.BOOL || type.kind() == CelKind.DYN
                    || type.kind() == CelKind.ANY;
        }

        /** Whether the checked type may be a map key (string, int or dyn). */
        public boolean maybeKey() {
            return type == null || type.kind() == CelKind.STRING || type.kind() == CelKind.INT
                    || type.kind() == CelKind.UINT || type.kind() == CelKind.DYN || type.kind() == CelKind.ANY;
        }

        public String typeName() {
            return type == null ? "dyn" : type.name();
        }
    }

    /**
     * Parses and type-checks an expression. Plain variable paths ({@code params.amount}, {@code state.a.b},
     * {@code actor}) and literals are evaluated in Java (keeping decimals exact, a missing key giving null);
     * everything else runs on CEL.
     */
    public static Compiled compile(String source, Scope scope) {
        if (source == null || source.isBlank()) {
            return new Compiled(null, null, "must be a non-empty expression");
        }
        Cel cel = switch (scope) {
            case GUARD -> GUARD;
            case REDUCE -> REDUCE;
            case MIGRATE -> MIGRATE;
        };
        CelValidationResult result;
        try {
            result = cel.compile(source);
        } catch (RuntimeException e) {
            return new Compiled(null, null, "invalid expression: " + e.getMessage());
        }
        if (result.hasError()) {
            if (scope == Scope.REDUCE && source.contains("actorRoles") && !GUARD.compile(source).hasError()) {
                return new Compiled(null, null, "actorRoles is not available in reduce expressions "
                        + "(a reducer must be reproducible from the event alone)");
            }
            return new Compiled(null, null, errorText(result));
        }
        CelAbstractSyntaxTree ast;
        CelRuntime.Program program;
        try {
            ast = result.getAst();
            program = cel.createProgram(ast);
        } catch (Exception e) {
            return new Compiled(null, null, "invalid expression: " + e.getMessage());
        }
        CelType type = ast.getResultType();
        Expr fast = fastPath(source.trim());
        if (fast != null) {
            return new Compiled(fast, type, null);
        }
        return new Compiled(new CelExpr(source, program), type, null);
    }

    private static String errorText(CelValidationResult result) {
        List<String> lines = new ArrayList<>();
        for (String line : result.getErrorString().split("\n")) {
            if (line.startsWith("ERROR: ")) {
                String l = line.substring("ERROR: ".length());
                if (l.startsWith("<input>:")) {
                    l = "at " + l.substring("<input>:".length());
                }
                lines.add(l.replace(" (in container '')", ""));
            }
        }
        return lines.isEmpty() ? result.getErrorString() : String.join("; ", lines);
    }

    /** A path or literal evaluated without CEL, or null. */
    static Expr fastPath(String s) {
        Matcher m = PATH.matcher(s);
        if (m.matches()) {
            String root = m.group(1) != null ? m.group(1) : s;
            String rest = m.group(2);
            List<String> keys = rest == null || rest.isEmpty() ? List.of()
                    : Arrays.asList(rest.substring(1).split("\\."));
            return new PathExpr(s, root, keys);
        }
        if (INT_LITERAL.matcher(s).matches()) {
            return new LiteralExpr(s, Long.parseLong(s));
        }
        if (DEC_LITERAL.matcher(s).matches()) {
            BigDecimal d = new BigDecimal(s).stripTrailingZeros();
            return new LiteralExpr(s, d.scale() < 0 ? d.setScale(0) : d);
        }
        Matcher sm = STRING_LITERAL.matcher(s);
        if (sm.matches()) {
            return new LiteralExpr(s, sm.group(1) != null ? sm.group(1) : sm.group(2));
        }
        return switch (s) {
            case "true" -> new LiteralExpr(s, Boolean.TRUE);
            case "false" -> new LiteralExpr(s, Boolean.FALSE);
            case "null" -> new LiteralExpr(s, null);
            default -> null;
        };
    }

    /** A variable path resolved in Java; a missing key gives null. */
    public record PathExpr(String source, String root, List<String> keys) implements Expr {

        public PathExpr {
            keys = List.copyOf(keys);
        }

        @Override
        public Object eval(EvalContext context) {
            Object cur = context.root(root);
            for (String key : keys) {
                if (cur instanceof java.util.Map<?, ?> map) {
                    cur = map.get(key);
                } else {
                    return null;
                }
            }
            return cur;
        }
    }

    /** A literal (integers as Long, decimals as exact BigDecimal). */
    public record LiteralExpr(String source, Object value) implements Expr {

        @Override
        public Object eval(EvalContext context) {
            return value;
        }
    }

    /** An expression evaluated by CEL. */
    public record CelExpr(String source, CelRuntime.Program program) implements Expr {

        @Override
        public Object eval(EvalContext context) throws ExprException {
            EvalContext outer = DecimalFunctions.CURRENT.get();
            DecimalFunctions.CURRENT.set(context);
            try {
                return CelValues.fromCel(program.eval(context));
            } catch (CelEvaluationException e) {
                throw new ExprException(e.getMessage());
            } catch (RuntimeException e) {
                throw new ExprException(e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                if (outer == null) {
                    DecimalFunctions.CURRENT.remove();
                } else {
                    DecimalFunctions.CURRENT.set(outer);
                }
            }
        }
    }
}
