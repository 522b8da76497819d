package io.operadb.api.modules;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.GrantsRoles;
import io.operadb.api.unique.UniqueValueChange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The group module (roles granted to members) and the actor profile module. */
class GroupAndActorModuleTest {

    static final CompiledSchema GROUP = Modules.compile("group");
    static final CompiledSchema ACTOR = Modules.compile("actor");
    static final ActorContext ADMIN = Modules.who("user:root", "admin");
    static final ActorContext ALICE = Modules.who("user:alice");
    static final ActorContext BOB = Modules.who("user:bob");

    @Test
    void admins_manage_groups_and_the_group_grants_its_roles_to_its_members() {
        Modules.Entity minters = new Modules.Entity(GROUP, "minters").run("create", ADMIN,
                "{`name`: `Minters`, `roles`: [`minter`], `members`: [`user:alice`]}");
        GrantsRoles grants = GROUP.grantsRoles().orElseThrow();
        assertThat(grants.members(minters.state)).containsExactly("user:alice");
        assertThat(grants.roles(minters.state)).containsExactly("minter");

        minters.run("addMember", ADMIN, "{`member`: `user:bob`}").run("addRole", ADMIN, "{`role`: `approver`}");
        assertThat(grants.members(minters.state)).containsExactlyInAnyOrder("user:alice", "user:bob");
        assertThat(grants.roles(minters.state)).containsExactlyInAnyOrder("minter", "approver");
        minters.run("removeMember", ADMIN, "{`member`: `user:alice`}").run("removeRole", ADMIN, "{`role`: `minter`}");
        assertThat(minters.at("members")).isEqualTo(List.of("user:bob"));
        assertThat(minters.at("roles")).isEqualTo(List.of("approver"));
        assertThat(minters.replayed()).isEqualTo(minters.state);
    }

    @Test
    void group_refusals() {
        Modules.Entity fresh = new Modules.Entity(GROUP, "g");
        fresh.refused("create", ALICE, "{`name`: `Mine`, `roles`: [`admin`], `members`: [`user:alice`]}",
                ProblemKind.FORBIDDEN);
        fresh.refused("create", ADMIN, "{`name`: `Bad`, `roles`: [`Not A Role`]}", ProblemKind.INVALID_INPUT);
        fresh.refused("create", ADMIN, "{`name`: `Twice`, `roles`: [`x`, `x`]}", ProblemKind.GUARD_FAILED);
        Modules.Entity group = fresh.run("create", ADMIN, "{`name`: `Empty`}");
        assertThat(group.at("members")).isEqualTo(List.of());
        group.refused("addMember", ALICE, "{`member`: `user:alice`}", ProblemKind.FORBIDDEN);
        group.run("addMember", ADMIN, "{`member`: `user:alice`}");
        assertThat(group.refused("addMember", ADMIN, "{`member`: `user:alice`}", ProblemKind.GUARD_FAILED)
                .getMessage()).isEqualTo("the actor is already a member");
        assertThat(group.refused("removeMember", ADMIN, "{`member`: `user:bob`}", ProblemKind.GUARD_FAILED)
                .getMessage()).isEqualTo("the actor is not a member");
        group.refused("addRole", ADMIN, "{`role`: `Bad Role`}", ProblemKind.INVALID_INPUT);
        group.run("addRole", ADMIN, "{`role`: `auditor`}");
        group.refused("addRole", ADMIN, "{`role`: `auditor`}", ProblemKind.GUARD_FAILED);
        group.refused("removeRole", ADMIN, "{`role`: `minter`}", ProblemKind.GUARD_FAILED);
        group.refused("removeRole", BOB, "{`role`: `auditor`}", ProblemKind.FORBIDDEN);
    }

    @Test
    void an_actor_keeps_its_own_profile_with_organisation_and_contacts() {
        Modules.Entity profile = new Modules.Entity(ACTOR, "user:alice").run("create", ALICE,
                "{`name`: `Alice Example`, `label`: `Alice`, `organisation`: {`name`: `ACME`, `country`: `CH`}}");
        assertThat(profile.at("actorId")).isEqualTo("user:alice");
        assertThat(profile.at("status")).isEqualTo("active");
        assertThat(profile.at("organisation")).isEqualTo(Map.of("name", "ACME", "country", "CH"));
        assertThat(UniqueValueChange.between(ACTOR, Map.of(), profile.state))
                .containsExactly(new UniqueValueChange("actorId", null, "user:alice"));

        profile.run("update", ALICE, "{`note`: `prefers email`}");
        assertThat(profile.at("note")).isEqualTo("prefers email");
        assertThat(profile.at("label")).as("untouched when not given").isEqualTo("Alice");
        profile.run("addContact", ALICE, "{`contact`: {`name`: `Bob B.`, `email`: `bob@example.com`, `role`: `CFO`}}")
                .run("addContact", ALICE, "{`contact`: {`name`: `Carol`}}");
        assertThat(profile.refused("addContact", ALICE, "{`contact`: {`name`: `Carol`}}", ProblemKind.GUARD_FAILED)
                .getMessage()).isEqualTo("there is already a contact with this name");
        profile.run("removeContact", ALICE, "{`name`: `Bob B.`}");
        assertThat(profile.at("contacts")).isEqualTo(List.of(Map.of("name", "Carol")));
        profile.refused("removeContact", ALICE, "{`name`: `Bob B.`}", ProblemKind.GUARD_FAILED);
        profile.run("setStatus", ADMIN, "{`status`: `suspended`}");
        assertThat(profile.at("status")).isEqualTo("suspended");
        assertThat(profile.replayed()).isEqualTo(profile.state);
    }

    @Test
    void profile_refusals() {
        new Modules.Entity(ACTOR, "user:bob").refused("create", ALICE, "{`actorId`: `user:bob`, `name`: `Bob`}",
                ProblemKind.FORBIDDEN);
        Modules.Entity forBob = new Modules.Entity(ACTOR, "user:bob").run("create", ADMIN,
                "{`actorId`: `user:bob`, `name`: `Bob`}");
        assertThat(forBob.at("actorId")).isEqualTo("user:bob");
        forBob.refused("update", ALICE, "{`name`: `Eve`}", ProblemKind.FORBIDDEN);
        forBob.refused("setStatus", BOB, "{`status`: `active`}", ProblemKind.FORBIDDEN);
        forBob.refused("setStatus", ADMIN, "{`status`: `gone`}", ProblemKind.INVALID_INPUT);
        forBob.refused("addContact", BOB, "{`contact`: {`name`: `X`, `email`: `not-an-email`}}",
                ProblemKind.INVALID_INPUT);
    }
}
