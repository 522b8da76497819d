package io.operadb.api.modules;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The asset (unique items) and commodity (quantities of a unit) modules. */
class AssetAndCommodityModuleTest {

    static final CompiledSchema ASSET = Modules.compile("asset");
    static final CompiledSchema COMMODITY = Modules.compile("commodity");
    static final ActorContext A = Modules.who("user:a");
    static final ActorContext B = Modules.who("user:b");
    static final ActorContext C = Modules.who("user:c");

    @Test
    void an_asset_is_minted_for_an_owner_with_free_form_metadata_and_transferred_by_its_owner_only() {
        Modules.Entity deed = new Modules.Entity(ASSET, "deed-1").run("mint", A,
                "{`name`: `Deed 1`, `owner`: `user:b`, `metadata`: {`parcel`: `12-a`, `area`: 512.5, `tags`: [`x`, 1]}}");
        assertThat(deed.at("owner")).isEqualTo("user:b");
        assertThat(deed.at("creator")).isEqualTo("user:a");
        assertThat(deed.at("metadata")).isEqualTo(Map.of("parcel", "12-a", "area", "512.5",
                "tags", java.util.List.of("x", 1L)));
        assertThat(deed.at("burned")).isEqualTo(false);

        deed.refused("transfer", A, "{`to`: `user:c`}", ProblemKind.FORBIDDEN);
        deed.run("transfer", B, "{`to`: `user:c`}");
        assertThat(deed.at("owner")).isEqualTo("user:c");
        deed.refused("transfer", B, "{`to`: `user:b`}", ProblemKind.FORBIDDEN);
        assertThat(deed.refused("transfer", C, "{`to`: `user:c`}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("the asset already belongs to 'to'");
        deed.refused("transfer", C, "{}", ProblemKind.INVALID_INPUT);
    }

    @Test
    void an_asset_minted_without_owner_belongs_to_the_minter_and_burns_once_by_its_owner() {
        Modules.Entity ticket = new Modules.Entity(ASSET, "t-1").run("mint", A, "{`name`: `Ticket`}");
        assertThat(ticket.at("owner")).isEqualTo("user:a");
        assertThat(ticket.wire()).doesNotContainKey("metadata");
        ticket.refused("burn", B, "{}", ProblemKind.FORBIDDEN);
        ticket.run("burn", A, "{}");
        assertThat(ticket.at("burned")).isEqualTo(true);
        assertThat(ticket.at("burnedAt")).isNotNull();
        assertThat(ticket.refused("burn", A, "{}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("the asset is already burned");
        assertThat(ticket.refused("transfer", A, "{`to`: `user:b`}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("the asset is burned");
        new Modules.Entity(ASSET, "bad").refused("mint", A, "{`name`: `x`, `metadata`: [1]}",
                ProblemKind.INVALID_INPUT);
        new Modules.Entity(ASSET, "bad").refused("mint", A, "{`name`: `x`, `metadata`: {`a.b`: 1}}",
                ProblemKind.INVALID_INPUT);
    }

    @Test
    void a_commodity_has_holders_with_exact_quantities_of_its_unit() {
        Modules.Entity oil = new Modules.Entity(COMMODITY, "oil").run("define", A, "{`name`: `Brent`, `unit`: `bbl`}")
                .run("mint", A, "{`to`: `user:b`, `qty`: `10.5`}")
                .run("mint", Modules.who("svc:m", "minter"), "{`to`: `user:a`, `qty`: 2}")
                .run("transfer", B, "{`to`: `user:c`, `qty`: `0.1`}")
                .run("transfer", B, "{`to`: `user:c`, `qty`: `0.2`}")
                .run("burn", C, "{`qty`: `0.3`}");
        assertThat(oil.at("unit")).isEqualTo("bbl");
        assertThat(oil.at("holdings")).isEqualTo(Map.of("user:b", "10.2", "user:a", "2", "user:c", "0"));
        assertThat(oil.at("totalQuantity")).isEqualTo("12.2");

        oil.refused("mint", B, "{`to`: `user:b`, `qty`: 1}", ProblemKind.FORBIDDEN);
        oil.refused("mint", A, "{`to`: `user:b`, `qty`: 0}", ProblemKind.GUARD_FAILED);
        assertThat(oil.refused("transfer", B, "{`to`: `user:c`, `qty`: `10.21`}", ProblemKind.GUARD_FAILED)
                .getMessage()).startsWith("insufficient holding");
        oil.refused("transfer", C, "{`to`: `user:a`, `qty`: `0.01`}", ProblemKind.GUARD_FAILED);
        oil.refused("burn", C, "{`qty`: 1}", ProblemKind.GUARD_FAILED);
        oil.refused("burn", B, "{`qty`: -1}", ProblemKind.INVALID_INPUT);
        new Modules.Entity(COMMODITY, "x").refused("define", A, "{`name`: `x`}", ProblemKind.INVALID_INPUT);
        assertThat(oil.replayed()).isEqualTo(oil.state);
    }
}
