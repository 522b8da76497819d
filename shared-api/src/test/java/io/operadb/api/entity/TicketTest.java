package io.operadb.api.entity;

import io.operadb.api.Fixtures;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.ValueKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.REDUCER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketTest {

    private final CompiledSchema ticket = Fixtures.COMPILER.compile(Fixtures.resource("ticket.json"));

    private EntityView run(EntityView current, String action, String params, ActorContext who) {
        Decision d = DECIDER.decide(ticket, action, current, json(params), who, T0);
        EntityEvent ev = Fixtures.event(ticket, current, action, who, T0, d);
        Map<String, Object> reduced = REDUCER.reduce(ticket, current.state(), ev);
        assertThat(reduced).isEqualTo(d.newState());
        return new EntityView("acme", "ticket", current.id(), current.version() + 1, d.newState());
    }

    @Test
    void theContractExampleCompiles() {
        assertThat(ticket.schemaId()).isEqualTo("ticket");
        assertThat(ticket.version()).isEqualTo(1);
        assertThat(ticket.creatingAction()).isEqualTo("open");
        assertThat(ticket.actionNames()).containsExactly("open", "assign", "close");
        assertThat(ticket.hasAction("assign")).isTrue();
        assertThat(ticket.hasAction("nope")).isFalse();
        assertThat(ticket.fieldAt("points")).map(f -> f.kind()).contains(ValueKind.INTEGER);
        assertThat(ticket.fieldAt("assignee")).map(f -> f.kind()).contains(ValueKind.ACTOR);
        assertThat(ticket.fieldAt("nope")).isEmpty();
        assertThat(ticket.params("open")).containsOnlyKeys("title", "points");
        assertThat(ticket.description()).contains("A support ticket");
    }

    @Test
    void aTicketsLife() {
        EntityView empty = Fixtures.view(ticket, "t-1", 0, Map.of());
        EntityView opened = run(empty, "open", "{`title`: `Printer on fire`}", actor("user:alice"));
        assertThat(opened.state()).isEqualTo(Map.of("title", "Printer on fire", "points", 0L, "status", "open"));

        EntityView withPoints = run(empty, "open", "{`title`: `x`, `points`: 5}", actor("user:alice"));
        assertThat(withPoints.state()).containsEntry("points", 5L);

        assertThatThrownBy(() -> run(opened, "assign", "{`assignee`: `user:bob`}", actor("user:alice")))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("actor user:alice may not run ticket.assign");
                });
        assertThatThrownBy(() -> run(opened, "close", "{}", actor("user:alice")))
                .isInstanceOfSatisfying(OperaDbException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.FORBIDDEN));

        EntityView assigned = run(opened, "assign", "{`assignee`: `user:bob`}", actor("user:carol", "lead"));
        assertThat(assigned.state()).containsEntry("assignee", "user:bob").containsEntry("status", "assigned");

        EntityView closed = run(assigned, "close", "{}", actor("user:bob"));
        assertThat(closed.state()).containsEntry("status", "closed");

        assertThatThrownBy(() -> run(closed, "assign", "{`assignee`: `user:bob`}", actor("user:carol", "lead")))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
                    assertThat(e.getMessage()).isEqualTo("ticket is closed");
                });
        assertThatThrownBy(() -> run(closed, "close", "{}", actor("user:x", "lead")))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.GUARD_FAILED);
                    assertThat(e.getMessage()).isEqualTo("only an assigned ticket can be closed");
                });
    }

    @Test
    void missingTitleAndBadPoints() {
        EntityView empty = Fixtures.view(ticket, "t-1", 0, Map.of());
        assertThatThrownBy(() -> DECIDER.decide(ticket, "open", empty, json("{`points`: -1, `x`: 1}"),
                actor("user:a"), T0))
                .isInstanceOfSatisfying(OperaDbException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_INPUT);
                    assertThat(e.problem().errors()).extracting(f -> f.path() + ": " + f.reason())
                            .containsExactlyInAnyOrder("data.x: unknown parameter", "data.title: is required",
                                    "data.points: must be >= 0");
                });
    }

    @Test
    void unknownAction() {
        EntityView empty = Fixtures.view(ticket, "t-1", 0, Map.of());
        assertThatThrownBy(() -> DECIDER.decide(ticket, "reopen", empty, null, actor("user:a"), T0))
                .isInstanceOfSatisfying(OperaDbException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.UNKNOWN_ACTION));
    }
}
