package io.operadb.api.language;

import io.operadb.api.Fixtures;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityView;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.REDUCER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The schema language's workflow: declared once, enforced by the engine for any schema. */
class WorkflowTest {

    private static final String DOC = """
            {`schemaId`: `expense`, `version`: 1,
             `fields`: {`amount`: {`type`: `integer`}, `state`: {`type`: `string`, `enum`: [`new`, `checked`, `paid`, `void`]},
                        `owners`: {`type`: `array`, `items`: {`type`: `actor`}}, `log`: {`type`: `array`, `items`: {`type`: `string`}}},
             `workflow`: {`field`: `state`, `initial`: `new`, `parties`: `state.owners`,
               `steps`: {`checked`: {`from`: [`new`], `by`: [`role:checker`, `actor == 'svc:robot'`], `approvals`: 2},
                         `paid`: {`from`: [`checked`], `by`: [`party`], `approvals`: `all-parties`, `final`: true},
                         `void`: {`from`: [`new`, `checked`], `final`: true}}},
             `actions`: {
               `file`: {`creates`: true, `params`: {`amount`: {`type`: `integer`}, `owners`: {`type`: `array`, `items`: {`type`: `actor`}}},
                        `reduce`: [{`set`: `amount`, `to`: `params.amount`}, {`set`: `owners`, `to`: `params.owners`}]},
               `check`: {`moves`: `checked`, `reduce`: [{`append`: `log`, `value`: `'seen by ' + actor + ' in ' + state.state`}]},
               `pay`: {`moves`: `paid`},
               `cancel`: {`moves`: `void`, `allow`: [`role:boss`]},
               `note`: {`reduce`: [{`append`: `log`, `value`: `'note'`}]}
             }}
            """;
    private static final CompiledSchema S = Fixtures.compile(DOC);

    private static final class Run {
        long version;
        Map<String, Object> state = Map.of();
        Map<String, Object> replayed = Map.of();

        Run act(String action, ActorContext who, String params) {
            EntityView view = new EntityView("acme", "expense", "e-1", version, state);
            Decision d = DECIDER.decide(S, action, view, json(params), who, T0);
            EntityEvent event = Fixtures.event(S, view, action, who, T0, d);
            replayed = REDUCER.reduce(S, replayed, event);
            assertThat(replayed).isEqualTo(d.newState());
            state = d.newState();
            version++;
            return this;
        }

        OperaDbException refused(String action, ActorContext who) {
            OperaDbException e = catchThrowableOfType(() -> act(action, who, "{}"), OperaDbException.class);
            assertThat(e).as(action + " by " + who.actorId()).isNotNull();
            return e;
        }
    }

    private static Run filed() {
        return new Run().act("file", actor("user:clerk"), "{`amount`: 5, `owners`: [`user:o1`, `user:o2`]}");
    }

    @Test
    void the_creating_action_starts_at_the_initial_value() {
        assertThat(filed().state).containsEntry("state", "new").doesNotContainKey("_workflow");
    }

    @Test
    void a_step_needing_two_approvals_records_the_first_and_moves_on_the_second() {
        Run r = filed().act("check", actor("user:c1", "checker"), "{}");
        assertThat(r.state).containsEntry("state", "new")
                .containsEntry("_workflow", Map.of("approvals", Map.of("checked", List.of("user:c1"))));
        assertThat(r.refused("check", actor("user:c1", "checker")).getMessage())
                .isEqualTo("user:c1 has already approved moving this expense to 'checked'");
        r.act("check", actor("svc:robot"), "{}");
        assertThat(r.state).containsEntry("state", "checked").doesNotContainKey("_workflow");
        assertThat(r.state.get("log")).as("the move happens before the action's steps")
                .isEqualTo(List.of("seen by user:c1 in new", "seen by svc:robot in checked"));
    }

    @Test
    void all_parties_must_approve_a_step_that_says_so() {
        Run r = filed().act("check", actor("user:c1", "checker"), "{}").act("check", actor("user:c2", "checker"), "{}");
        r.act("pay", actor("user:o2"), "{}");
        assertThat(r.state).containsEntry("state", "checked");
        r.act("pay", actor("user:o1"), "{}");
        assertThat(r.state).containsEntry("state", "paid");
    }

    @Test
    void wrong_actor_is_403_wrong_step_is_422_and_nothing_moves_after_a_final_step() {
        Run r = filed();
        assertThat(r.refused("check", actor("user:o1")).kind()).isEqualTo(ProblemKind.FORBIDDEN);
        assertThat(r.refused("check", actor("user:root", "admin")).kind())
                .as("the admin role does not bypass a step's by").isEqualTo(ProblemKind.FORBIDDEN);
        OperaDbException early = r.refused("pay", actor("user:o1"));
        assertThat(early.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
        assertThat(early.getMessage()).isEqualTo("cannot move this expense from 'new' to 'paid' (only from checked)");
        assertThat(r.refused("cancel", actor("user:o1")).kind()).as("the action's own allow still applies")
                .isEqualTo(ProblemKind.FORBIDDEN);
        r.act("cancel", actor("user:b", "boss"), "{}");
        assertThat(r.state).containsEntry("state", "void");
        OperaDbException after = r.refused("check", actor("svc:robot"));
        assertThat(after.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
        assertThat(after.getMessage()).isEqualTo("this expense is 'void', a final step: nothing moves after it");
        r.act("note", actor("user:o1"), "{}");
        assertThat(r.state).containsEntry("state", "void");
    }

    private static List<FieldError> errors(String doc) {
        OperaDbException e = catchThrowableOfType(() -> Fixtures.compile(doc), OperaDbException.class);
        assertThat(e).as("expected INVALID_SCHEMA").isNotNull();
        return e.problem().errors();
    }

    @Test
    void a_workflow_is_checked_when_the_schema_is_published() {
        assertThat(errors(DOC.replace("`field`: `state`", "`field`: `amount`")))
                .extracting(FieldError::path).contains("workflow.field");
        assertThat(errors(DOC.replace("`initial`: `new`", "`initial`: `fresh`")))
                .extracting(FieldError::path).contains("workflow.initial");
        assertThat(errors(DOC.replace("`from`: [`checked`]", "`from`: [`nowhere`]")))
                .extracting(FieldError::path).containsExactly("workflow.steps.paid.from[0]");
        assertThat(errors(DOC.replace("`parties`: `state.owners`,", "")))
                .extracting(FieldError::path).contains("workflow.steps.paid.by[0]", "workflow.steps.paid.approvals");
        assertThat(errors(DOC.replace("`approvals`: 2", "`approvals`: 0")))
                .extracting(FieldError::path).containsExactly("workflow.steps.checked.approvals");
        assertThat(errors(DOC.replace("`moves`: `paid`", "`moves`: `done`")))
                .extracting(FieldError::path).containsExactly("actions.pay.moves");
        assertThat(errors(DOC.replace("`creates`: true,", "`creates`: true, `moves`: `paid`,")))
                .extracting(FieldError::path).containsExactly("actions.file.moves");
        assertThat(errors(DOC.replace("{`append`: `log`, `value`: `'note'`}", "{`set`: `state`, `to`: `'paid'`}")))
                .extracting(FieldError::path).containsExactly("actions.note.reduce[0].set");
        assertThat(errors(DOC.replace("`amount`: {`type`: `integer`},", "`amount`: {`type`: `integer`}, `_workflow`: {`type`: `string`},")))
                .extracting(FieldError::path).containsExactly("fields._workflow");
        assertThat(errors(DOC.replace("`workflow`: {", "`workflow`: {`colour`: 1, ")))
                .extracting(FieldError::path).containsExactly("workflow.colour");
        assertThat(errors(DOC.replace("`by`: [`party`]", "`by`: [`actor + 1`]")))
                .extracting(FieldError::path).containsExactly("workflow.steps.paid.by[0]");
    }

    @Test
    void the_implicit_workflow_state_is_a_declared_field() {
        assertThat(S.workflowField()).contains("state");
        assertThat(S.fieldAt("_workflow.approvals.checked")).isPresent();
    }
}
