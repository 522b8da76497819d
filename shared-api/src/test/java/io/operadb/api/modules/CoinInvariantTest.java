package io.operadb.api.modules;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Long random sequences of coin commands (seeded, so a failure names its seed and replays exactly). After every
 * accepted command: the total supply equals the sum of the balances, no balance or allowance is negative, every
 * figure respects the coin's decimals, and each figure equals that of a plain BigDecimal model of ERC-20. Every
 * command the model refuses is refused, with the expected problem kind, and changes nothing. At the end the events
 * replay to the same state. Plain JUnit 5 with seeded randomness.
 */
class CoinInvariantTest {

    private static final CompiledSchema COIN = Modules.compile("coin");
    private static final List<String> HOLDERS = List.of("user:a", "user:b", "user:c", "0x" + "d".repeat(40),
            "svc:minter");
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    static LongStream seeds() {
        return LongStream.range(0, 16);
    }

    @AfterAll
    static void bothOutcomesWereExercised() {
        assertThat(ACCEPTED.get()).as("accepted commands over all seeds").isGreaterThan(3_000);
        assertThat(REFUSED.get()).as("refused commands over all seeds").isGreaterThan(1_000);
    }

    /** ERC-20 in plain BigDecimal, the reference the schema must agree with. */
    private static final class Model {
        final int decimals;
        final String creator;
        BigDecimal supply;
        final Map<String, BigDecimal> balances = new HashMap<>();
        final Map<String, BigDecimal> allowances = new HashMap<>();

        Model(int decimals, String creator, BigDecimal supply) {
            this.decimals = decimals;
            this.creator = creator;
            this.supply = supply;
            balances.put(creator, supply);
        }

        BigDecimal balance(String holder) {
            return balances.getOrDefault(holder, BigDecimal.ZERO);
        }

        BigDecimal allowance(String owner, String spender) {
            return allowances.getOrDefault(owner + ">" + spender, BigDecimal.ZERO);
        }

        boolean fits(BigDecimal amount) {
            return amount.stripTrailingZeros().scale() <= decimals;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_supply_is_the_sum_of_the_balances_after_every_event(long seed) {
        Random random = new Random(seed);
        int decimals = random.nextInt(4) == 0 ? 18 : random.nextInt(7);
        BigDecimal supply = amount(random, decimals, 1_000_000).max(BigDecimal.ONE);
        String creator = HOLDERS.get(0);
        Modules.Entity coin = new Modules.Entity(COIN, "C" + seed).run("create", actor(creator),
                "{`symbol`: `SEED`, `decimals`: " + decimals + ", `totalSupply`: `" + supply.toPlainString() + "`}");
        Model model = new Model(decimals, creator, supply);
        checkInvariant(coin, model, seed, 0);

        for (int step = 1; step <= 600; step++) {
            String caller = HOLDERS.get(random.nextInt(HOLDERS.size()));
            String other = HOLDERS.get(random.nextInt(HOLDERS.size()));
            String third = HOLDERS.get(random.nextInt(HOLDERS.size()));
            BigDecimal amount = switch (random.nextInt(10)) {
                case 0 -> BigDecimal.ZERO;
                case 1 -> model.balance(caller);                                    // all of it, exactly
                case 2 -> model.balance(caller).add(BigDecimal.ONE.movePointLeft(decimals)); // one unit too many
                case 3 -> amount(random, decimals + 1 + random.nextInt(3), 100);    // too many decimal places
                default -> amount(random, decimals, random.nextBoolean() ? 500 : 500_000);
            };
            String a = amount.toPlainString();
            switch (random.nextInt(5)) {
                case 0 -> expect(coin, "transfer", caller, "{`to`: `" + other + "`, `amount`: `" + a + "`}",
                        refusal(model, amount, model.balance(caller), false, true), () -> {
                            model.balances.put(caller, model.balance(caller).subtract(amount));
                            model.balances.put(other, model.balance(other).add(amount));
                        });
                case 1 -> {
                    boolean mayMint = caller.equals(model.creator) || caller.equals("svc:minter");
                    ProblemKind refusal = !mayMint ? ProblemKind.FORBIDDEN
                            : refusal(model, amount, null, false, true);
                    expect(coin, "mint", caller, "{`to`: `" + other + "`, `amount`: `" + a + "`}", refusal, () -> {
                        model.supply = model.supply.add(amount);
                        model.balances.put(other, model.balance(other).add(amount));
                    });
                }
                case 2 -> expect(coin, "burn", caller, "{`amount`: `" + a + "`}",
                        refusal(model, amount, model.balance(caller), false, true), () -> {
                            model.supply = model.supply.subtract(amount);
                            model.balances.put(caller, model.balance(caller).subtract(amount));
                        });
                case 3 -> expect(coin, "approve", caller, "{`spender`: `" + other + "`, `amount`: `" + a + "`}",
                        refusal(model, amount, null, true, true),
                        () -> model.allowances.put(caller + ">" + other, amount));
                default -> {
                    BigDecimal allowance = model.allowance(other, caller);
                    ProblemKind refusal = refusal(model, amount, null, false, true);
                    if (refusal == null && allowance.compareTo(amount) < 0) {
                        refusal = ProblemKind.GUARD_FAILED;
                    }
                    if (refusal == null && model.balance(other).compareTo(amount) < 0) {
                        refusal = ProblemKind.GUARD_FAILED;
                    }
                    expect(coin, "transferFrom", caller,
                            "{`from`: `" + other + "`, `to`: `" + third + "`, `amount`: `" + a + "`}", refusal, () -> {
                                model.allowances.put(other + ">" + caller, allowance.subtract(amount));
                                model.balances.put(other, model.balance(other).subtract(amount));
                                model.balances.put(third, model.balance(third).add(amount));
                            });
                }
            }
            checkInvariant(coin, model, seed, step);
        }
        assertThat(coin.replayed()).as("seed %d: the events replay to the same state", seed).isEqualTo(coin.state);
    }

    /** What the model expects: null to accept, else the problem kind. */
    private static ProblemKind refusal(Model model, BigDecimal amount, BigDecimal mustCover, boolean zeroAllowed,
                                       boolean checkScale) {
        if (!zeroAllowed && amount.signum() == 0) {
            return ProblemKind.GUARD_FAILED;
        }
        if (checkScale && !model.fits(amount)) {
            return ProblemKind.GUARD_FAILED;
        }
        if (mustCover != null && mustCover.compareTo(amount) < 0) {
            return ProblemKind.GUARD_FAILED;
        }
        return null;
    }

    private static void expect(Modules.Entity coin, String action, String caller, String params,
                               ProblemKind refusal, Runnable onAccept) {
        if (refusal == null) {
            coin.run(action, actor(caller), params);
            onAccept.run();
            ACCEPTED.incrementAndGet();
        } else {
            long version = coin.version;
            OperaDbException e = catchThrowableOfType(() -> coin.run(action, actor(caller), params),
                    OperaDbException.class);
            assertThat(e).as("%s %s by %s is refused", action, params, caller).isNotNull();
            assertThat(e.kind()).as("%s %s by %s: %s", action, params, caller, e.getMessage()).isEqualTo(refusal);
            assertThat(coin.version).isEqualTo(version);
            REFUSED.incrementAndGet();
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkInvariant(Modules.Entity coin, Model model, long seed, int step) {
        Map<String, Object> state = coin.state;
        BigDecimal total = (BigDecimal) state.get("totalSupply");
        Map<String, Object> balances = (Map<String, Object>) state.get("balances");
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, Object> e : balances.entrySet()) {
            BigDecimal balance = (BigDecimal) e.getValue();
            assertThat(balance.signum()).as("seed %d step %d: balance of %s", seed, step, e.getKey())
                    .isGreaterThanOrEqualTo(0);
            assertThat(balance.stripTrailingZeros().scale()).isLessThanOrEqualTo(model.decimals);
            assertThat(balance).as("seed %d step %d: balance of %s", seed, step, e.getKey())
                    .isEqualByComparingTo(model.balance(e.getKey()));
            sum = sum.add(balance);
        }
        assertThat(total).as("seed %d step %d: totalSupply = sum of balances", seed, step).isEqualByComparingTo(sum);
        assertThat(total).isEqualByComparingTo(model.supply);
        Object allowances = state.get("allowances");
        if (allowances instanceof Map<?, ?> byOwner) {
            byOwner.forEach((owner, spenders) -> ((Map<String, Object>) spenders).forEach((spender, value) -> {
                assertThat(((BigDecimal) value).signum()).as("seed %d step %d: allowance", seed, step)
                        .isGreaterThanOrEqualTo(0);
                assertThat((BigDecimal) value).isEqualByComparingTo(model.allowance((String) owner, spender));
            }));
        }
    }

    /** A random non-negative amount below {@code max} with at most {@code scale} decimal places. */
    private static BigDecimal amount(Random random, int scale, long max) {
        long whole = (long) (random.nextDouble() * max);
        BigDecimal fraction = scale == 0 ? BigDecimal.ZERO
                : new BigDecimal(random.nextDouble()).setScale(scale, RoundingMode.DOWN);
        return new BigDecimal(whole).add(fraction);
    }

    private static ActorContext actor(String id) {
        return id.equals("svc:minter") ? Modules.who(id, "minter") : Modules.who(id);
    }
}
