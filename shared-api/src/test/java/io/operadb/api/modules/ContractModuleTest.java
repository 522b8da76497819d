package io.operadb.api.modules;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract module, moved by its workflow: draft → submitted → approved (2 approvers) → signed (all parties). */
class ContractModuleTest {

    static final CompiledSchema CONTRACT = Modules.compile("contract");
    static final ActorContext AUTHOR = Modules.who("user:lawyer");
    static final ActorContext P1 = Modules.who("user:p1");
    static final ActorContext P2 = Modules.who("0x" + "e".repeat(40));
    static final ActorContext AP1 = Modules.who("user:ap1", "approver");
    static final ActorContext AP2 = Modules.who("user:ap2", "approver");
    static final ActorContext OUTSIDER = Modules.who("user:x");
    static final ActorContext ADMIN = Modules.who("user:root", "admin");

    static Modules.Entity draft() {
        return new Modules.Entity(CONTRACT, "k-1").run("create", AUTHOR, "{`title`: `Supply`, "
                + "`parties`: [`user:p1`, `0x" + "E".repeat(40) + "`], `terms`: {`price`: 12.5, `currency`: `CHF`},"
                + " `effectiveDate`: `2026-02-01T00:00:00Z`, `expiryDate`: `2027-02-01T00:00:00Z`}");
    }

    @Test
    void the_whole_way_from_draft_to_signed() {
        Modules.Entity k = draft();
        assertThat(k.at("status")).isEqualTo("draft");
        assertThat(k.at("author")).isEqualTo("user:lawyer");
        assertThat(k.at("terms")).isEqualTo(Map.of("price", "12.5", "currency", "CHF"));

        k.run("submit", P1, "{}");
        assertThat(k.at("status")).isEqualTo("submitted");
        k.run("approve", AP1, "{}");
        assertThat(k.at("status")).as("one approval of two").isEqualTo("submitted");
        assertThat(k.at("_workflow.approvals.approved")).isEqualTo(List.of("user:ap1"));
        k.run("approve", AP2, "{}");
        assertThat(k.at("status")).isEqualTo("approved");
        assertThat(k.wire()).doesNotContainKey("_workflow");
        assertThat(k.at("approvedBy")).isEqualTo(List.of("user:ap1", "user:ap2"));

        k.run("sign", P2, "{}");
        assertThat(k.at("status")).as("one signature of two").isEqualTo("approved");
        k.run("sign", P1, "{}");
        assertThat(k.at("status")).isEqualTo("signed");
        assertThat(k.at("signedBy")).isEqualTo(List.of("0x" + "e".repeat(40), "user:p1"));
        assertThat(k.replayed()).isEqualTo(k.state);
    }

    @Test
    void wrong_actors_are_403() {
        Modules.Entity k = draft();
        k.refused("submit", OUTSIDER, "{}", ProblemKind.FORBIDDEN);
        k.refused("submit", AUTHOR, "{}", ProblemKind.FORBIDDEN);
        k.refused("submit", ADMIN, "{}", ProblemKind.FORBIDDEN);
        k.run("submit", P1, "{}");
        k.refused("approve", P1, "{}", ProblemKind.FORBIDDEN);
        k.run("approve", AP1, "{}").run("approve", AP2, "{}");
        k.refused("sign", AP1, "{}", ProblemKind.FORBIDDEN);
        k.refused("sign", OUTSIDER, "{}", ProblemKind.FORBIDDEN);
        k.refused("reject", OUTSIDER, "{`reason`: `no`}", ProblemKind.FORBIDDEN);
    }

    @Test
    void wrong_steps_are_422() {
        Modules.Entity k = draft();
        assertThat(k.refused("approve", AP1, "{}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("cannot move this contract from 'draft' to 'approved' (only from submitted)");
        k.refused("sign", P1, "{}", ProblemKind.GUARD_FAILED);
        k.refused("reject", P1, "{`reason`: `x`}", ProblemKind.GUARD_FAILED);
        k.run("submit", P1, "{}");
        k.refused("submit", P2, "{}", ProblemKind.GUARD_FAILED);
        k.run("approve", AP1, "{}");
        assertThat(k.refused("approve", AP1, "{}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("user:ap1 has already approved moving this contract to 'approved'");
        k.run("approve", AP2, "{}").run("sign", P1, "{}");
        k.refused("sign", P1, "{}", ProblemKind.GUARD_FAILED);
        k.run("sign", P2, "{}");
        assertThat(k.refused("reject", P1, "{`reason`: `too late`}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("this contract is 'signed', a final step: nothing moves after it");
        k.refused("submit", P1, "{}", ProblemKind.GUARD_FAILED);
        assertThat(k.refused("amend", AUTHOR, "{`title`: `New`}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("only a draft can be amended");
    }

    @Test
    void reject_goes_back_to_draft_with_a_reason_and_approvals_start_over() {
        Modules.Entity k = draft().run("submit", P1, "{}").run("approve", AP1, "{}");
        k.refused("reject", AP2, "{}", ProblemKind.INVALID_INPUT);
        k.run("reject", AP2, "{`reason`: `price too high`}");
        assertThat(k.at("status")).isEqualTo("draft");
        assertThat(k.at("rejection.reason")).isEqualTo("price too high");
        assertThat(k.at("rejection.by")).isEqualTo("user:ap2");
        assertThat(k.wire()).doesNotContainKeys("_workflow", "approvedBy");

        k.run("amend", P2, "{`terms`: {`price`: 11, `currency`: `CHF`}}");
        assertThat(k.at("terms.price")).isEqualTo(11L);
        k.run("submit", P2, "{}").run("approve", AP1, "{}");
        assertThat(k.at("status")).as("the earlier approval does not count again").isEqualTo("submitted");
        k.run("approve", AP2, "{}").run("sign", P1, "{}").run("reject", P2, "{`reason`: `changed my mind`}");
        assertThat(k.at("status")).isEqualTo("draft");
        assertThat(k.wire()).doesNotContainKeys("signedBy", "_workflow");
        assertThat(k.replayed()).isEqualTo(k.state);
    }

    @Test
    void create_needs_parties_terms_and_sensible_dates() {
        Modules.Entity fresh = new Modules.Entity(CONTRACT, "k-x");
        assertThat(fresh.refused("create", AUTHOR, "{`title`: `x`, `parties`: []}", ProblemKind.INVALID_INPUT)
                .problem().errors()).extracting(e -> e.path()).containsExactlyInAnyOrder("data.parties", "data.terms");
        assertThat(fresh.refused("create", AUTHOR, "{`title`: `x`, `parties`: [`user:p1`], `terms`: {},"
                        + " `effectiveDate`: `2027-01-01T00:00:00Z`, `expiryDate`: `2026-01-01T00:00:00Z`}",
                ProblemKind.GUARD_FAILED).getMessage()).isEqualTo("expiryDate must be after effectiveDate");
        fresh.refused("create", AUTHOR, "{`title`: `x`, `parties`: [`user:p1`, `user:p1`], `terms`: {}}",
                ProblemKind.GUARD_FAILED);
        fresh.refused("create", AUTHOR, "{`title`: `x`, `parties`: [`user:p1`], `terms`: {}, `status`: `signed`}",
                ProblemKind.INVALID_INPUT);
        fresh.run("create", AUTHOR, "{`title`: `x`, `parties`: [`user:p1`], `terms`: {}}");
        assertThat(fresh.at("status")).isEqualTo("draft");
        fresh.refused("amend", OUTSIDER, "{`title`: `y`}", ProblemKind.FORBIDDEN);
    }
}
