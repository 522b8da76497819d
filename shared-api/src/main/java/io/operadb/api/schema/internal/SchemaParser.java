package io.operadb.api.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.naming.Names;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.GrantsRoles;
import io.operadb.api.schema.ReadRule;
import io.operadb.api.schema.ValueKind;
import io.operadb.api.schema.expr.CelEnvironment;
import io.operadb.api.schema.expr.CelEnvironment.Scope;
import io.operadb.api.schema.expr.Expr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Parses and compiles a schema document, collecting every error with its path. */
public final class SchemaParser {

    private static final Set<String> TOP = Set.of("schemaId", "version", "description", "fields", "actions", "read",
            "workflow", "grantsRoles", MigrationParser.KEY);
    private static final Set<String> ACTION_KEYS = Set.of("creates", "description", "params", "allow", "require",
            "reduce", "moves");
    private static final Set<String> WORKFLOW_KEYS = Set.of("field", "initial", "parties", "steps");
    private static final Set<String> WORKFLOW_STEP_KEYS = Set.of("from", "by", "approvals", "final");
    private static final Set<String> GRANTS_KEYS = Set.of("members", "roles");
    private static final String PARTY = "party";
    private static final String ALL_PARTIES = "all-parties";
    private static final String WHEN = "when";
    private static final Set<String> REQUIRE_KEYS = Set.of("rule", "message");
    private static final String ROLE_PREFIX = "role:";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Errors errors = new Errors();
    /** The schema's workflow once parsed (null when it declares none): actions refer to its steps. */
    private CompiledWorkflow workflow;
    private boolean workflowDeclared;

    private SchemaParser() {
    }

    public static CompiledSchemaImpl compile(JsonNode document) {
        return new SchemaParser().run(document);
    }

    private CompiledSchemaImpl run(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new OperaDbException(ProblemKind.INVALID_SCHEMA, "the schema document must be a JSON object",
                    List.of(new io.operadb.api.problem.FieldError("", "must be a JSON object")));
        }
        Iterator<String> keys = doc.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!TOP.contains(k)) {
                errors.add(k, "unknown key (allowed: " + String.join(", ", new TreeSet<>(TOP)) + ")");
            }
        }
        String schemaId = null;
        JsonNode id = doc.get("schemaId");
        if (id == null || id.isNull()) {
            errors.add("schemaId", "is required");
        } else if (!id.isTextual() || !Names.isSchema(id.asText())) {
            errors.add("schemaId", "must match " + Names.SCHEMA.pattern());
        } else {
            schemaId = id.asText();
        }
        int version = 0;
        JsonNode v = doc.get("version");
        if (v == null || v.isNull()) {
            errors.add("version", "is required");
        } else if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            errors.add("version", "must be an integer >= 1");
        } else {
            version = v.intValue();
        }
        String description = null;
        JsonNode d = doc.get("description");
        if (d != null && !d.isNull()) {
            if (!d.isTextual()) {
                errors.add("description", "must be a string");
            } else {
                description = d.asText();
            }
        }
        JsonNode fieldsNode = doc.get("fields");
        Map<String, FieldSpec> fields = fieldsNode == null || fieldsNode.isNull() ? new LinkedHashMap<>()
                : FieldSpecParser.parseFields(fieldsNode, "fields", errors);
        // Fields that failed to parse are absent from the map; remember them so paths to them are not reported twice.
        Set<String> declaredNames = new java.util.HashSet<>();
        if (fieldsNode != null && fieldsNode.isObject()) {
            fieldsNode.fieldNames().forEachRemaining(declaredNames::add);
        }
        if (declaredNames.contains(CompiledWorkflow.STATE_FIELD)) {
            errors.add("fields." + CompiledWorkflow.STATE_FIELD, "is reserved for the state of a workflow");
            fields.remove(CompiledWorkflow.STATE_FIELD);
        }
        fields.forEach((name, spec) -> rejectNestedUnique(spec, "fields." + name, false));

        JsonNode workflowNode = doc.get("workflow");
        if (workflowNode != null && !workflowNode.isNull()) {
            workflowDeclared = true;
            workflow = workflow(workflowNode, fields, declaredNames);
            if (workflow != null) {
                fields.put(CompiledWorkflow.STATE_FIELD, workflowStateSpec());
                declaredNames.add(CompiledWorkflow.STATE_FIELD);
            }
        }
        GrantsRoles grantsRoles = null;
        JsonNode grantsNode = doc.get("grantsRoles");
        if (grantsNode != null && !grantsNode.isNull()) {
            grantsRoles = grantsRoles(grantsNode, fields, declaredNames);
        }

        Map<String, CompiledAction> actions = new LinkedHashMap<>();
        List<String> creating = new ArrayList<>();
        JsonNode actionsNode = doc.get("actions");
        if (actionsNode == null || actionsNode.isNull()) {
            errors.add("actions", "is required");
        } else if (!actionsNode.isObject()) {
            errors.add("actions", "must be an object of actions");
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = actionsNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "actions." + e.getKey();
                if (!Names.isAction(e.getKey())) {
                    errors.add(path, "invalid action name (must match " + Names.ACTION.pattern() + ")");
                    continue;
                }
                CompiledAction a = action(e.getKey(), e.getValue(), path, fields, declaredNames);
                if (a != null) {
                    actions.put(e.getKey(), a);
                    if (a.creates()) {
                        creating.add(e.getKey());
                    }
                } else if (e.getValue().isObject() && e.getValue().path("creates").asBoolean(false)) {
                    creating.add(e.getKey());
                }
            }
            if (creating.isEmpty()) {
                errors.add("actions", "exactly one action must have \"creates\": true (none has)");
            } else if (creating.size() > 1) {
                errors.add("actions", "exactly one action must have \"creates\": true (found " + creating + ")");
            }
        }
        ReadRule readRule = ReadRuleParser.parse(doc.get(ReadRuleParser.KEY), fields, errors);
        CompiledMigration migration = null;
        JsonNode migrateNode = doc.get(MigrationParser.KEY);
        if (migrateNode != null && !migrateNode.isNull() && version > 0) {
            migration = MigrationParser.parse(migrateNode, version, declaredNames, errors);
        }
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_SCHEMA,
                    "the schema document is not valid: " + Errors.summary(errors.list()), errors.list());
        }
        return new CompiledSchemaImpl(schemaId, version, description, doc.deepCopy(), fields, actions,
                creating.get(0), workflow, grantsRoles, migration, readRule);
    }

    /** {@code unique} applies to top-level state fields only: not to parameters nor inside objects, arrays, maps. */
    private void rejectNestedUnique(FieldSpec spec, String path, boolean nested) {
        if (spec == null) {
            return;
        }
        if (nested && spec.unique) {
            errors.add(path + ".unique", "only top-level state fields can be unique");
        }
        spec.fields.forEach((name, child) -> rejectNestedUnique(child, path + ".fields." + name, true));
        if (spec.element != null) {
            rejectNestedUnique(spec.element, path + (spec.kind == ValueKind.MAP ? ".values" : ".items"), true);
        }
    }

    /** The implicit {@code _workflow} field: pending approvals by step. */
    private static FieldSpec workflowStateSpec() {
        FieldSpec actor = new FieldSpec();
        actor.kind = ValueKind.ACTOR;
        FieldSpec list = new FieldSpec();
        list.kind = ValueKind.ARRAY;
        list.element = actor;
        FieldSpec approvals = new FieldSpec();
        approvals.kind = ValueKind.MAP;
        approvals.element = list;
        FieldSpec state = new FieldSpec();
        state.kind = ValueKind.OBJECT;
        state.fields = Map.of(CompiledWorkflow.APPROVALS, approvals);
        state.description = "pending workflow approvals, by step (kept by the engine)";
        return state;
    }

    private CompiledWorkflow workflow(JsonNode node, Map<String, FieldSpec> fields, Set<String> declaredNames) {
        String p = "workflow";
        if (!node.isObject()) {
            errors.add(p, "must be an object {field, initial, parties?, steps}");
            return null;
        }
        int before = errors.size();
        unknownKeys(node, p, WORKFLOW_KEYS);
        String field = requiredText(node, "field", p);
        FieldSpec fieldSpec = null;
        if (field != null) {
            fieldSpec = fields.get(field);
            if (fieldSpec == null || fieldSpec.kind != ValueKind.STRING) {
                if (!declaredNames.contains(field) || fieldSpec != null) {
                    errors.add(p + ".field", "must name a declared string field (such as \"status\")");
                }
                fieldSpec = null;
            }
        }
        String initial = requiredText(node, "initial", p);
        if (initial != null && fieldSpec != null && fieldSpec.enumStrings != null
                && !fieldSpec.enumStrings.contains(initial)) {
            errors.add(p + ".initial", "'" + initial + "' is not one of " + fieldSpec.enumStrings + " (the field's enum)");
        }
        Expr parties = null;
        JsonNode partiesNode = node.get("parties");
        if (partiesNode != null && !partiesNode.isNull()) {
            if (!partiesNode.isTextual()) {
                errors.add(p + ".parties", "must be an expression giving the parties' actor ids (\"state.parties\")");
            } else {
                parties = expr(partiesNode.asText(), p + ".parties", Scope.REDUCE, new Known(declaredNames, Set.of()),
                        false);
            }
        }
        Map<String, CompiledWorkflow.StepSpec> steps = new LinkedHashMap<>();
        JsonNode stepsNode = node.get("steps");
        if (stepsNode == null || stepsNode.isNull()) {
            errors.add(p + ".steps", "is required");
        } else if (!stepsNode.isObject() || stepsNode.isEmpty()) {
            errors.add(p + ".steps", "must be a non-empty object of steps by the value they move the field to");
        } else {
            Set<String> names = new java.util.HashSet<>();
            stepsNode.fieldNames().forEachRemaining(names::add);
            if (initial != null) {
                names.add(initial);
            }
            Iterator<Map.Entry<String, JsonNode>> it = stepsNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                CompiledWorkflow.StepSpec step = workflowStep(e.getKey(), e.getValue(), p + ".steps." + e.getKey(),
                        fieldSpec, names, parties != null, declaredNames);
                if (step != null) {
                    steps.put(e.getKey(), step);
                }
            }
            if (initial != null && steps.containsKey(initial) && steps.get(initial).isFinal()) {
                errors.add(p + ".steps." + initial + ".final", "the initial value cannot be final");
            }
        }
        return errors.size() == before ? new CompiledWorkflow(field, initial, parties, steps) : null;
    }

    private CompiledWorkflow.StepSpec workflowStep(String name, JsonNode node, String p, FieldSpec fieldSpec,
                                                   Set<String> names, boolean hasParties, Set<String> declaredNames) {
        if (!node.isObject()) {
            errors.add(p, "must be an object {from, by?, approvals?, final?}");
            return null;
        }
        int before = errors.size();
        if (name.isEmpty()) {
            errors.add(p, "a step needs a name");
        } else if (fieldSpec != null && fieldSpec.enumStrings != null && !fieldSpec.enumStrings.contains(name)) {
            errors.add(p, "'" + name + "' is not one of " + fieldSpec.enumStrings + " (the field's enum)");
        }
        unknownKeys(node, p, WORKFLOW_STEP_KEYS);
        Set<String> from = new java.util.LinkedHashSet<>();
        JsonNode fromNode = node.get("from");
        if (fromNode == null || fromNode.isNull()) {
            errors.add(p + ".from", "is required: the values the step may be reached from");
        } else if (!fromNode.isArray() || fromNode.isEmpty()) {
            errors.add(p + ".from", "must be a non-empty array of values");
        } else {
            for (int i = 0; i < fromNode.size(); i++) {
                JsonNode f = fromNode.get(i);
                if (!f.isTextual() || !names.contains(f.asText())) {
                    errors.add(p + ".from[" + i + "]", "must be the initial value or the name of a step");
                } else {
                    from.add(f.asText());
                }
            }
        }
        List<CompiledWorkflow.By> by = new ArrayList<>();
        JsonNode byNode = node.get("by");
        if (byNode != null && !byNode.isNull()) {
            if (!byNode.isArray()) {
                errors.add(p + ".by", "must be an array of alternatives: party, role:<name> or a boolean expression");
            } else {
                for (int i = 0; i < byNode.size(); i++) {
                    JsonNode b = byNode.get(i);
                    String bp = p + ".by[" + i + "]";
                    if (!b.isTextual()) {
                        errors.add(bp, "must be a string: party, role:<name> or a boolean expression");
                        continue;
                    }
                    String text = b.asText();
                    if (text.equals(PARTY)) {
                        if (!hasParties) {
                            errors.add(bp, "'party' needs the workflow's \"parties\"");
                        } else {
                            by.add(new CompiledWorkflow.By(text, null, true, null));
                        }
                    } else if (text.startsWith(ROLE_PREFIX)) {
                        String role = text.substring(ROLE_PREFIX.length()).trim();
                        if (role.isEmpty()) {
                            errors.add(bp, "role name is missing");
                        } else {
                            by.add(new CompiledWorkflow.By(text, role, false, null));
                        }
                    } else {
                        Expr e = expr(text, bp, Scope.GUARD, new Known(declaredNames, Set.of()), true);
                        if (e != null) {
                            by.add(new CompiledWorkflow.By(text, null, false, e));
                        }
                    }
                }
            }
        }
        int approvals = 1;
        boolean allParties = false;
        JsonNode approvalsNode = node.get("approvals");
        if (approvalsNode != null && !approvalsNode.isNull()) {
            if (approvalsNode.isTextual() && approvalsNode.asText().equals(ALL_PARTIES)) {
                if (!hasParties) {
                    errors.add(p + ".approvals", "'" + ALL_PARTIES + "' needs the workflow's \"parties\"");
                }
                allParties = true;
            } else if (approvalsNode.isIntegralNumber() && approvalsNode.canConvertToInt()
                    && approvalsNode.intValue() >= 1) {
                approvals = approvalsNode.intValue();
            } else {
                errors.add(p + ".approvals", "must be an integer >= 1 or \"" + ALL_PARTIES + "\"");
            }
        }
        boolean isFinal = false;
        JsonNode finalNode = node.get("final");
        if (finalNode != null && !finalNode.isNull()) {
            if (!finalNode.isBoolean()) {
                errors.add(p + ".final", "must be a boolean");
            } else {
                isFinal = finalNode.booleanValue();
            }
        }
        return errors.size() == before
                ? new CompiledWorkflow.StepSpec(name, from, by, approvals, allParties, isFinal) : null;
    }

    private GrantsRoles grantsRoles(JsonNode node, Map<String, FieldSpec> fields, Set<String> declaredNames) {
        String p = "grantsRoles";
        if (!node.isObject()) {
            errors.add(p, "must be an object {members, roles} naming two array fields");
            return null;
        }
        int before = errors.size();
        unknownKeys(node, p, GRANTS_KEYS);
        String members = requiredText(node, "members", p);
        if (members != null) {
            FieldSpec f = fields.get(members);
            if ((f == null && !declaredNames.contains(members)) || (f != null && (f.kind != ValueKind.ARRAY
                    || f.element == null || f.element.kind != ValueKind.ACTOR))) {
                errors.add(p + ".members", "must name a declared array-of-actor field");
            }
        }
        String roles = requiredText(node, "roles", p);
        if (roles != null) {
            FieldSpec f = fields.get(roles);
            if ((f == null && !declaredNames.contains(roles)) || (f != null && (f.kind != ValueKind.ARRAY
                    || f.element == null || f.element.kind != ValueKind.STRING))) {
                errors.add(p + ".roles", "must name a declared array-of-string field");
            }
        }
        return errors.size() == before ? new GrantsRoles(members, roles) : null;
    }

    private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                errors.add(path + "." + k, "unknown key (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        });
    }

    private String requiredText(JsonNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            errors.add(path + "." + key, "is required");
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            errors.add(path + "." + key, "must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    private CompiledAction action(String name, JsonNode node, String path, Map<String, FieldSpec> fields,
                                  Set<String> declaredNames) {
        if (!node.isObject()) {
            errors.add(path, "must be an object");
            return null;
        }
        int before = errors.size();
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!ACTION_KEYS.contains(k)) {
                errors.add(path + "." + k, "unknown key (allowed: " + String.join(", ", new TreeSet<>(ACTION_KEYS)) + ")");
            }
        }
        boolean creates = false;
        JsonNode c = node.get("creates");
        if (c != null && !c.isNull()) {
            if (!c.isBoolean()) {
                errors.add(path + ".creates", "must be a boolean");
            } else {
                creates = c.booleanValue();
            }
        }
        String description = null;
        JsonNode d = node.get("description");
        if (d != null && !d.isNull()) {
            if (!d.isTextual()) {
                errors.add(path + ".description", "must be a string");
            } else {
                description = d.asText();
            }
        }
        CompiledWorkflow.StepSpec moves = null;
        JsonNode movesNode = node.get("moves");
        if (movesNode != null && !movesNode.isNull()) {
            if (workflow == null) {
                if (!workflowDeclared) {
                    errors.add(path + ".moves", "needs the schema's \"workflow\"");
                }
            } else if (!movesNode.isTextual() || !workflow.steps().containsKey(movesNode.asText())) {
                errors.add(path + ".moves", "must name a step of the workflow (" + String.join(", ",
                        workflow.steps().keySet()) + ")");
            } else if (creates) {
                errors.add(path + ".moves", "the creating action starts the workflow at its initial value; it cannot move");
            } else {
                moves = workflow.steps().get(movesNode.asText());
            }
        }
        JsonNode paramsNode = node.get("params");
        Map<String, FieldSpec> params = FieldSpecParser.parseFields(paramsNode, path + ".params", errors);
        params.forEach((param, spec) -> {
            if (spec.unique) {
                errors.add(path + ".params." + param + ".unique", "only state fields can be unique");
            }
            rejectNestedUnique(spec, path + ".params." + param, false);
        });
        Set<String> paramNames = new java.util.HashSet<>(params.keySet());
        if (paramsNode != null && paramsNode.isObject()) {
            paramsNode.fieldNames().forEachRemaining(paramNames::add);
        }
        Known known = new Known(declaredNames, paramNames);

        List<CompiledAction.Allow> allow = new ArrayList<>();
        JsonNode allowNode = node.get("allow");
        if (allowNode != null && !allowNode.isNull()) {
            if (!allowNode.isArray()) {
                errors.add(path + ".allow", "must be an array of alternatives");
            } else {
                for (int i = 0; i < allowNode.size(); i++) {
                    JsonNode a = allowNode.get(i);
                    String p = path + ".allow[" + i + "]";
                    if (!a.isTextual()) {
                        errors.add(p, "must be a string: role:<name> or a boolean expression");
                        continue;
                    }
                    String s = a.asText();
                    if (s.startsWith(ROLE_PREFIX)) {
                        String role = s.substring(ROLE_PREFIX.length()).trim();
                        if (role.isEmpty()) {
                            errors.add(p, "role name is missing");
                        } else {
                            allow.add(new CompiledAction.Allow(role, null));
                        }
                        continue;
                    }
                    Expr e = expr(s, p, Scope.GUARD, known, true);
                    if (e != null) {
                        allow.add(new CompiledAction.Allow(null, e));
                    }
                }
            }
        }

        List<CompiledAction.Require> require = new ArrayList<>();
        JsonNode requireNode = node.get("require");
        if (requireNode != null && !requireNode.isNull()) {
            if (!requireNode.isArray()) {
                errors.add(path + ".require", "must be an array of {rule, message}");
            } else {
                for (int i = 0; i < requireNode.size(); i++) {
                    JsonNode r = requireNode.get(i);
                    String p = path + ".require[" + i + "]";
                    if (!r.isObject()) {
                        errors.add(p, "must be an object {rule, message}");
                        continue;
                    }
                    r.fieldNames().forEachRemaining(k -> {
                        if (!REQUIRE_KEYS.contains(k)) {
                            errors.add(p + "." + k, "unknown key (allowed: message, rule)");
                        }
                    });
                    JsonNode rule = r.get("rule");
                    JsonNode message = r.get("message");
                    String msg = null;
                    if (message != null && !message.isNull()) {
                        if (!message.isTextual()) {
                            errors.add(p + ".message", "must be a string");
                        } else {
                            msg = message.asText();
                        }
                    }
                    if (rule == null || rule.isNull()) {
                        errors.add(p + ".rule", "is required");
                        continue;
                    }
                    if (!rule.isTextual()) {
                        errors.add(p + ".rule", "must be a boolean expression (a string)");
                        continue;
                    }
                    Expr e = expr(rule.asText(), p + ".rule", Scope.GUARD, known, true);
                    if (e != null) {
                        require.add(new CompiledAction.Require(e,
                                msg != null ? msg : "requirement failed: " + rule.asText()));
                    }
                }
            }
        }

        List<Step> steps = new ArrayList<>();
        JsonNode reduceNode = node.get("reduce");
        if (reduceNode != null && !reduceNode.isNull()) {
            if (!reduceNode.isArray()) {
                errors.add(path + ".reduce", "must be an array of steps");
            } else {
                for (int i = 0; i < reduceNode.size(); i++) {
                    Step s = step(reduceNode.get(i), path + ".reduce[" + i + "]", fields, declaredNames, known);
                    if (s != null) {
                        steps.add(s);
                    }
                }
            }
        }
        if (errors.size() != before) {
            return null;
        }
        return new CompiledAction(name, creates, description, params, allow, require, steps, workflow, moves);
    }

    /** Names known to the action, to report typos in fast-path references. */
    private record Known(Set<String> fields, Set<String> params) {
    }

    private Step step(JsonNode node, String where, Map<String, FieldSpec> fields, Set<String> declaredNames,
                      Known known) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            errors.add(where, "must be an object such as {\"set\": \"field\", \"to\": \"expression\"}");
            return null;
        }
        String first = node.fieldNames().next();
        Step.Kind kind = Step.Kind.of(first);
        if (kind == null) {
            errors.add(where, "unknown step '" + first + "' (expected set, unset, add, subtract, append, remove or merge)");
            return null;
        }
        int before = errors.size();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!k.equals(kind.keyword) && !k.equals(kind.companion) && !k.equals(WHEN)) {
                errors.add(where + "." + k, "unknown key for a " + kind.keyword + " step (expected "
                        + (kind.companion == null ? "" : kind.companion + ", ") + WHEN + ")");
            }
        }
        JsonNode pathNode = node.get(kind.keyword);
        Step.StepPath path = null;
        if (!pathNode.isTextual()) {
            errors.add(where + "." + kind.keyword, "must be a path string such as \"balances[params.to]\"");
        } else {
            path = path(pathNode.asText(), where + "." + kind.keyword, fields, declaredNames, known);
        }
        Expr value = null;
        if (kind.companion != null) {
            JsonNode v = node.get(kind.companion);
            String p = where + "." + kind.companion;
            if (v == null) {
                errors.add(p, "is required");
            } else if (v.isTextual()) {
                value = expr(v.asText(), p, Scope.REDUCE, known, false);
            } else {
                // a JSON literal (number, boolean, null, object, array)
                value = new CelEnvironment.LiteralExpr(v.toString(), Values.generic(jsonToJava(v)));
            }
        }
        Expr when = null;
        JsonNode whenNode = node.get(WHEN);
        if (whenNode != null && !whenNode.isNull()) {
            if (!whenNode.isTextual()) {
                errors.add(where + "." + WHEN, "must be a boolean expression (a string)");
            } else {
                when = expr(whenNode.asText(), where + "." + WHEN, Scope.REDUCE, known, true);
            }
        }
        if (path != null && workflowDeclared) {
            String root = path.segments().get(0).key();
            if (root.equals(CompiledWorkflow.STATE_FIELD) || (workflow != null && root.equals(workflow.field()))) {
                errors.add(where + "." + kind.keyword, "'" + root + "' is kept by the workflow: declare \"moves\""
                        + " on the action instead of writing it");
            }
        }
        if (path != null && errors.size() == before) {
            FieldSpec target = path.targetType();
            String p = where + "." + kind.keyword;
            ValueKind k = target == null ? null : target.kind;
            switch (kind) {
                case ADD, SUBTRACT -> {
                    if (k != null && k != ValueKind.INTEGER && k != ValueKind.DECIMAL) {
                        errors.add(p, kind.keyword + " needs an integer or decimal field, '" + path.source() + "' is "
                                + Values.kindName(k));
                    }
                }
                case APPEND, REMOVE -> {
                    if (k != null && k != ValueKind.ARRAY) {
                        errors.add(p, kind.keyword + " needs an array field, '" + path.source() + "' is "
                                + Values.kindName(k));
                    }
                }
                case MERGE -> {
                    if (k != null && k != ValueKind.OBJECT && k != ValueKind.MAP) {
                        errors.add(p, "merge needs an object or map field, '" + path.source() + "' is "
                                + Values.kindName(k));
                    }
                }
                default -> {
                }
            }
        }
        return errors.size() == before ? new Step(kind, where, path, value, when) : null;
    }

    static Object jsonToJava(JsonNode v) {
        try {
            return JSON.treeToValue(v, Object.class);
        } catch (Exception e) {
            return null;
        }
    }

    /** Parses {@code root(.key | [expr])*} and resolves the declared type along it. */
    private Step.StepPath path(String s, String errPath, Map<String, FieldSpec> fields, Set<String> declaredNames,
                               Known known) {
        int n = s.length();
        int i = 0;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        String root = s.substring(0, i);
        if (root.isEmpty() || !FieldSpecParser.FIELD_NAME.matcher(root).matches()) {
            errors.add(errPath, "a path must start with a declared field name: '" + s + "'");
            return null;
        }
        FieldSpec rootType = fields.get(root);
        if (rootType == null) {
            if (!declaredNames.contains(root)) {
                errors.add(errPath, "'" + root + "' is not a declared field");
            }
            return null;
        }
        List<Step.Segment> segments = new ArrayList<>();
        List<FieldSpec> types = new ArrayList<>();
        segments.add(new Step.Segment(root, null));
        types.add(rootType);
        FieldSpec t = rootType;
        String shown = root;
        while (i < n) {
            char ch = s.charAt(i);
            Step.Segment seg;
            if (ch == '.') {
                int j = i + 1;
                while (j < n && isKeyChar(s.charAt(j))) {
                    j++;
                }
                String key = s.substring(i + 1, j);
                if (key.isEmpty()) {
                    errors.add(errPath, "empty key after '.' at position " + i + " in '" + s + "'");
                    return null;
                }
                seg = new Step.Segment(key, null);
                i = j;
            } else if (ch == '[') {
                int end = matchingBracket(s, i);
                if (end < 0) {
                    errors.add(errPath, "unbalanced '[' at position " + i + " in '" + s + "'");
                    return null;
                }
                String inner = s.substring(i + 1, end).trim();
                if (inner.isEmpty()) {
                    errors.add(errPath, "empty [] at position " + i + " in '" + s + "'");
                    return null;
                }
                CelEnvironment.Compiled c = CelEnvironment.compile(inner, Scope.REDUCE);
                if (!c.ok()) {
                    errors.add(errPath, "in [" + inner + "]: " + c.error());
                    return null;
                }
                if (!c.maybeKey()) {
                    errors.add(errPath, "[" + inner + "] must give a string key, not " + c.typeName());
                    return null;
                }
                String ref = unknownReference(c.expr(), known);
                if (ref != null) {
                    errors.add(errPath, "in [" + inner + "]: " + ref);
                    return null;
                }
                seg = new Step.Segment(null, c.expr());
                i = end + 1;
            } else {
                errors.add(errPath, "unexpected '" + ch + "' at position " + i + " in '" + s + "'");
                return null;
            }
            String segText = seg.key() != null ? seg.key() : "[" + seg.keyExpr().source() + "]";
            if (t != null) {
                switch (t.kind) {
                    case OBJECT -> {
                        if (t.open) {
                            if (seg.key() != null && Values.mapKeyProblem(seg.key()) != null) {
                                errors.add(errPath, Values.mapKeyProblem(seg.key()));
                                return null;
                            }
                            t = null; // inside a free-form object: untyped from here on
                            break;
                        }
                        if (seg.key() == null) {
                            errors.add(errPath, "'" + shown + "' is an object: name its field with '.', brackets index maps");
                            return null;
                        }
                        FieldSpec next = t.fields.get(seg.key());
                        if (next == null) {
                            errors.add(errPath, "'" + shown + "' has no field '" + seg.key() + "'");
                            return null;
                        }
                        t = next;
                    }
                    case MAP -> {
                        if (seg.key() != null && Values.mapKeyProblem(seg.key()) != null) {
                            errors.add(errPath, Values.mapKeyProblem(seg.key()));
                            return null;
                        }
                        t = t.element;
                    }
                    default -> {
                        errors.add(errPath, "cannot index into '" + shown + "', a " + Values.kindName(t.kind)
                                + " field (only objects and maps can be navigated)");
                        return null;
                    }
                }
            }
            segments.add(seg);
            types.add(t);
            shown = shown + (seg.key() != null ? "." + segText : segText);
        }
        return new Step.StepPath(s, segments, types);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '@' || c == '+';
    }

    private static int matchingBracket(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private Expr expr(String source, String path, Scope scope, Known known, boolean mustBeBoolean) {
        CelEnvironment.Compiled c = CelEnvironment.compile(source, scope);
        if (!c.ok()) {
            errors.add(path, c.error());
            return null;
        }
        if (mustBeBoolean && !c.maybeBoolean()) {
            errors.add(path, "must be a boolean expression, not " + c.typeName());
            return null;
        }
        String ref = unknownReference(c.expr(), known);
        if (ref != null) {
            errors.add(path, ref);
            return null;
        }
        return c.expr();
    }

    /** For fast-path references: a typo such as {@code params.amont} is reported at publish time. */
    private static String unknownReference(Expr e, Known known) {
        if (e instanceof CelEnvironment.PathExpr p && !p.keys().isEmpty()) {
            String first = p.keys().get(0);
            if (p.root().equals("params") && !known.params().contains(first)) {
                return "unknown parameter '" + first + "'";
            }
            if (p.root().equals("state") && !known.fields().contains(first)) {
                return "unknown field '" + first + "'";
            }
        }
        return null;
    }
}
