package io.operadb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.internal.SchemaParser;

/**
 * Parses and checks a schema document and compiles every expression in it, once per schema version.
 * Thread-safe; stateless apart from the shared CEL environment.
 * <p>
 * Language notes (beyond the public contract):
 * <ul>
 * <li>Strict: unknown keys at the top level, in field specs, actions, require rules and steps are errors. Field and
 *     parameter names match {@code [A-Za-z_][A-Za-z0-9_]{0,63}}. {@code params}, {@code allow}, {@code require} and
 *     {@code reduce} are optional; {@code require[].message} defaults to {@code requirement failed: <rule>}.</li>
 * <li>String {@code pattern} must match the whole value. Decimal {@code scale} is the maximum number of fraction
 *     digits after trailing zeros are stripped.</li>
 * <li>Expressions are CEL (standard macros plus the strings, math and lists extensions). Decimals are doubles in CEL;
 *     a plain path ({@code params.amount}, {@code state.a.b}, {@code actor}, {@code entity.id}) or a literal
 *     ({@code 0.1}, {@code 'x'}, {@code 3}) is evaluated in Java instead: exact, and a missing key gives null.
 *     A plain path naming an undeclared parameter or field is a compile error. Numeric strings are accepted by
 *     {@code add}/{@code subtract} on decimal fields ({@code 'by': "'0.1'"}). A step companion may also be a
 *     JSON literal ({@code "to": 0}).</li>
 * <li>Step paths: {@code root(.key|[expr])*}; {@code .key} names an object field or a static map key, brackets index
 *     maps (and free-form objects) only; arrays cannot be indexed. Any step may carry {@code when}, a boolean
 *     expression: the step runs only when it holds.</li>
 * <li>An {@code object} without {@code fields} is free-form (any JSON object; non-integer numbers kept as exact
 *     decimal strings). A top-level scalar field may be {@code "unique": true} (enforced by the command side).</li>
 * <li>{@code decimal.*} CEL functions compare and compute exactly (see {@code DecimalFunctions}).</li>
 * <li>{@code workflow} (one per schema) moves a string field through steps; actions name a step with
 *     {@code moves}; the state keeps pending approvals under {@code _workflow} (an implicit field). See
 *     {@link io.operadb.api.entity.step.WorkflowEngine}.</li>
 * <li>{@code grantsRoles} names an array-of-actor and an array-of-string field: the entity grants those roles to
 *     those actors ({@link GrantsRoles}).</li>
 * </ul>
 */
public final class SchemaCompiler {

    /**
     * @throws io.operadb.api.problem.OperaDbException of kind INVALID_SCHEMA listing every offending path
     *         (e.g. {@code actions.assign.require[0].rule}) with the reason (a CEL compile error, an unknown type...)
     */
    public CompiledSchema compile(JsonNode document) {
        return SchemaParser.compile(document);
    }
}
