package io.operadb.api.modules;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.unique.UniqueValueChange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The coin module's actions and refusals, on the engine alone. */
class CoinModuleTest {

    static final CompiledSchema COIN = Modules.compile("coin");
    static final ActorContext A = Modules.who("user:a");
    static final ActorContext B = Modules.who("user:b");
    static final ActorContext C = Modules.who("user:c");
    static final ActorContext MINTER = Modules.who("svc:mint", "minter");

    static Modules.Entity tcn() {
        return new Modules.Entity(COIN, "TCN")
                .run("create", A, "{`symbol`: `TCN`, `decimals`: 2, `totalSupply`: `1000`}");
    }

    @Test
    void the_flow_of_the_issue_gives_its_figures() {
        Modules.Entity coin = tcn()
                .run("transfer", A, "{`to`: `user:b`, `amount`: 300}")
                .run("mint", A, "{`to`: `user:a`, `amount`: 200}")
                .run("burn", B, "{`amount`: 100}")
                .run("approve", A, "{`spender`: `user:b`, `amount`: 150}")
                .run("transferFrom", B, "{`from`: `user:a`, `to`: `user:b`, `amount`: 100}");

        assertThat(coin.at("balances.user:a")).isEqualTo("800");
        assertThat(coin.at("balances.user:b")).isEqualTo("300");
        assertThat(coin.at("allowances.user:a.user:b")).isEqualTo("50");
        assertThat(coin.at("totalSupply")).isEqualTo("1100");
        assertThat(coin.at("creator")).isEqualTo("user:a");
        assertThat(coin.at("symbol")).isEqualTo("TCN");
        assertThat(coin.at("decimals")).isEqualTo(2L);

        assertThat(coin.refused("mint", B, "{`to`: `user:b`, `amount`: 1}", ProblemKind.FORBIDDEN)).isNotNull();
        assertThat(coin.refused("transfer", A, "{`to`: `user:b`, `amount`: 10000}", ProblemKind.GUARD_FAILED)
                .getMessage()).startsWith("insufficient balance");
        assertThat(coin.refused("transferFrom", B, "{`from`: `user:a`, `to`: `user:b`, `amount`: 51}",
                ProblemKind.GUARD_FAILED).getMessage()).startsWith("insufficient allowance");
        assertThat(coin.replayed()).isEqualTo(coin.state);
    }

    @Test
    void create_gives_the_supply_to_to_or_to_the_creator_and_records_the_creator() {
        Modules.Entity toB = new Modules.Entity(COIN, "X")
                .run("create", A, "{`symbol`: `XY`, `decimals`: 0, `totalSupply`: 5, `to`: `user:b`}");
        assertThat(toB.at("balances")).isEqualTo(Map.of("user:b", "5"));
        assertThat(toB.at("creator")).isEqualTo("user:a");
        assertThat(tcn().at("balances")).isEqualTo(Map.of("user:a", "1000"));
    }

    @Test
    void create_refuses_a_bad_symbol_bad_decimals_and_a_supply_that_is_not_positive_or_too_precise() {
        Modules.Entity fresh = new Modules.Entity(COIN, "X");
        OperaDbException lower = fresh.refused("create", A, "{`symbol`: `tcn`, `decimals`: 2, `totalSupply`: 1}",
                ProblemKind.INVALID_INPUT);
        assertThat(lower.problem().errors()).extracting(e -> e.path()).containsExactly("data.symbol");
        fresh.refused("create", A, "{`symbol`: `TOOLONGSYM`, `decimals`: 2, `totalSupply`: 1}",
                ProblemKind.INVALID_INPUT);
        fresh.refused("create", A, "{`symbol`: `T`, `decimals`: 2, `totalSupply`: 1}", ProblemKind.INVALID_INPUT);
        fresh.refused("create", A, "{`symbol`: `TCN`, `decimals`: 19, `totalSupply`: 1}", ProblemKind.INVALID_INPUT);
        fresh.refused("create", A, "{`symbol`: `TCN`, `decimals`: -1, `totalSupply`: 1}", ProblemKind.INVALID_INPUT);
        assertThat(fresh.refused("create", A, "{`symbol`: `TCN`, `decimals`: 2, `totalSupply`: 0}",
                ProblemKind.GUARD_FAILED).getMessage()).isEqualTo("totalSupply must be greater than 0");
        assertThat(fresh.refused("create", A, "{`symbol`: `TCN`, `decimals`: 2, `totalSupply`: `0.001`}",
                ProblemKind.GUARD_FAILED).getMessage()).contains("decimal places");
        fresh.refused("create", A, "{`symbol`: `TCN`, `decimals`: 2, `totalSupply`: -5}", ProblemKind.INVALID_INPUT);
    }

    @Test
    void the_symbol_is_a_unique_field_claimed_on_creation() {
        assertThat(UniqueValueChange.between(COIN, Map.of(), tcn().state))
                .containsExactly(new UniqueValueChange("symbol", null, "TCN"));
    }

    @Test
    void mint_is_for_the_creator_or_a_minter_and_needs_a_positive_amount_within_the_decimals() {
        Modules.Entity coin = tcn();
        coin.run("mint", MINTER, "{`to`: `user:c`, `amount`: `0.5`}");
        assertThat(coin.at("balances.user:c")).isEqualTo("0.5");
        assertThat(coin.at("totalSupply")).isEqualTo("1000.5");
        coin.refused("mint", C, "{`to`: `user:c`, `amount`: 1}", ProblemKind.FORBIDDEN);
        assertThat(coin.refused("mint", A, "{`to`: `user:c`, `amount`: 0}", ProblemKind.GUARD_FAILED).getMessage())
                .isEqualTo("amount must be greater than 0");
        coin.refused("mint", A, "{`to`: `user:c`, `amount`: `0.001`}", ProblemKind.GUARD_FAILED);
        coin.refused("mint", A, "{`to`: `user:c`, `amount`: -1}", ProblemKind.INVALID_INPUT);
        coin.refused("mint", A, "{`to`: `nobody`, `amount`: 1}", ProblemKind.INVALID_INPUT);
    }

    @Test
    void burn_takes_from_the_callers_balance_and_never_below_zero() {
        Modules.Entity coin = tcn().run("burn", A, "{`amount`: 1000}");
        assertThat(coin.at("balances.user:a")).isEqualTo("0");
        assertThat(coin.at("totalSupply")).isEqualTo("0");
        assertThat(coin.refused("burn", A, "{`amount`: `0.01`}", ProblemKind.GUARD_FAILED).getMessage())
                .startsWith("insufficient balance");
        coin.refused("burn", B, "{`amount`: 1}", ProblemKind.GUARD_FAILED);
        coin.refused("burn", A, "{`amount`: 0}", ProblemKind.GUARD_FAILED);
    }

    @Test
    void transfer_moves_units_exactly_and_refuses_more_than_the_balance() {
        Modules.Entity coin = tcn()
                .run("transfer", A, "{`to`: `user:b`, `amount`: 0.1}")
                .run("transfer", A, "{`to`: `user:b`, `amount`: `0.2`}");
        assertThat(coin.at("balances.user:b")).isEqualTo("0.3");
        assertThat(coin.at("balances.user:a")).isEqualTo("999.7");
        coin.run("transfer", B, "{`to`: `user:c`, `amount`: `0.3`}");
        assertThat(coin.at("balances.user:b")).isEqualTo("0");
        coin.refused("transfer", B, "{`to`: `user:c`, `amount`: `0.01`}", ProblemKind.GUARD_FAILED);
        coin.refused("transfer", C, "{`to`: `user:a`, `amount`: `0.31`}", ProblemKind.GUARD_FAILED);
        coin.refused("transfer", A, "{`to`: `user:b`, `amount`: `0.001`}", ProblemKind.GUARD_FAILED);
        coin.refused("transfer", A, "{`to`: `user:b`}", ProblemKind.INVALID_INPUT);
    }

    @Test
    void approve_sets_and_does_not_add_and_may_be_zero() {
        Modules.Entity coin = tcn()
                .run("approve", A, "{`spender`: `user:b`, `amount`: 150}")
                .run("approve", A, "{`spender`: `user:b`, `amount`: 40}");
        assertThat(coin.at("allowances.user:a.user:b")).isEqualTo("40");
        coin.run("approve", A, "{`spender`: `user:b`, `amount`: 0}");
        assertThat(coin.at("allowances.user:a.user:b")).isEqualTo("0");
        coin.refused("approve", A, "{`spender`: `user:b`, `amount`: -1}", ProblemKind.INVALID_INPUT);
        coin.refused("approve", A, "{`spender`: `user:b`, `amount`: `0.005`}", ProblemKind.GUARD_FAILED);
    }

    @Test
    void transfer_from_spends_the_allowance_within_the_owners_balance() {
        Modules.Entity coin = tcn()
                .run("transfer", A, "{`to`: `user:c`, `amount`: 10}")
                .run("approve", C, "{`spender`: `user:b`, `amount`: 50}");
        coin.run("transferFrom", B, "{`from`: `user:c`, `to`: `user:b`, `amount`: 4}");
        assertThat(coin.at("allowances.user:c.user:b")).isEqualTo("46");
        assertThat(coin.at("balances.user:c")).isEqualTo("6");
        assertThat(coin.refused("transferFrom", B, "{`from`: `user:c`, `to`: `user:b`, `amount`: 7}",
                ProblemKind.GUARD_FAILED).getMessage()).startsWith("insufficient balance");
        assertThat(coin.refused("transferFrom", A, "{`from`: `user:c`, `to`: `user:a`, `amount`: 1}",
                ProblemKind.GUARD_FAILED).getMessage()).startsWith("insufficient allowance");
        coin.refused("transferFrom", B, "{`from`: `user:c`, `to`: `user:b`, `amount`: 0}", ProblemKind.GUARD_FAILED);
    }

    @Test
    void amounts_are_exact_at_eighteen_decimals_and_large_supplies() {
        Modules.Entity coin = new Modules.Entity(COIN, "WEI").run("create", A,
                "{`symbol`: `WEI`, `decimals`: 18, `totalSupply`: `1000000000.000000000000000001`}");
        coin.run("transfer", A, "{`to`: `user:b`, `amount`: `1000000000`}");
        assertThat(coin.at("balances.user:a")).isEqualTo("0.000000000000000001");
        // one unit of 10^-18 more than the balance: a double cannot tell these apart, the decimal functions can
        assertThat(coin.refused("transfer", B, "{`to`: `user:a`, `amount`: `1000000000.000000000000000001`}",
                ProblemKind.GUARD_FAILED).getMessage()).startsWith("insufficient balance");
        coin.run("transfer", A, "{`to`: `user:b`, `amount`: `0.000000000000000001`}");
        assertThat(coin.at("balances.user:b")).isEqualTo("1000000000.000000000000000001");
        assertThat(coin.at("balances.user:a")).isEqualTo("0");
    }
}
