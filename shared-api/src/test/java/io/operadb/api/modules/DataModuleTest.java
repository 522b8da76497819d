package io.operadb.api.modules;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.Timestamps;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The data module: a verifiable credential, issued by its issuer about its owner, revocable once. */
class DataModuleTest {

    static final CompiledSchema DATA = Modules.compile("data");
    static final ActorContext ISSUER = Modules.who("svc:kyc");
    static final ActorContext OWNER = Modules.who("user:alice");
    static final ActorContext ADMIN = Modules.who("user:root", "admin");

    static Modules.Entity kyc() {
        return new Modules.Entity(DATA, "vc-1").run("issue", ISSUER, "{`owner`: `user:alice`, "
                + "`type`: [`VerifiableCredential`, `KycCheck`], `content`: {`level`: 2, `checked`: true, "
                + "`address`: {`country`: `CH`}}, `visibility`: `private`}");
    }

    @Test
    void issuing_records_the_issuer_the_owner_the_types_the_content_and_the_visibility() {
        Modules.Entity vc = kyc();
        assertThat(vc.at("issuer")).isEqualTo("svc:kyc");
        assertThat(vc.at("owner")).isEqualTo("user:alice");
        assertThat(vc.at("type")).isEqualTo(List.of("VerifiableCredential", "KycCheck"));
        assertThat(vc.at("content")).isEqualTo(Map.of("level", 2L, "checked", true, "address", Map.of("country", "CH")));
        assertThat(vc.at("visibility")).isEqualTo("private");
        assertThat(vc.at("revoked")).isEqualTo(false);
        assertThat(vc.at("issuedAt")).isEqualTo("2026-01-02T03:04:06.123Z");
    }

    @Test
    void issuing_refuses_a_missing_owner_no_type_a_content_that_is_not_an_object_and_an_unknown_visibility() {
        Modules.Entity fresh = new Modules.Entity(DATA, "vc-x");
        assertThat(fresh.refused("issue", ISSUER, "{`type`: [], `content`: `text`, `visibility`: `secret`}",
                ProblemKind.INVALID_INPUT).problem().errors()).extracting(e -> e.path())
                .containsExactlyInAnyOrder("data.owner", "data.type", "data.content", "data.visibility");
    }

    @Test
    void the_issuer_revokes_once_with_a_reason_and_the_event_time() {
        Modules.Entity vc = kyc();
        vc.refused("revoke", OWNER, "{`reason`: `mine`}", ProblemKind.FORBIDDEN);
        vc.refused("revoke", ISSUER, "{}", ProblemKind.INVALID_INPUT);
        vc.run("revoke", ISSUER, "{`reason`: `document expired`}");
        assertThat(vc.at("revoked")).isEqualTo(true);
        assertThat(vc.at("revocationReason")).isEqualTo("document expired");
        assertThat(vc.at("revokedAt")).isEqualTo(Timestamps.format(vc.events.get(1).timestamp()));
        assertThat(vc.at("revokedBy")).isEqualTo("svc:kyc");
        assertThat(vc.refused("revoke", ISSUER, "{`reason`: `again`}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("the credential is already revoked");
        assertThat(vc.refused("revoke", ADMIN, "{`reason`: `again`}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("the credential is already revoked");
    }

    @Test
    void an_admin_may_revoke_too() {
        Modules.Entity vc = kyc().run("revoke", ADMIN, "{`reason`: `fraud`}");
        assertThat(vc.at("revokedBy")).isEqualTo("user:root");
    }
}
