package io.operadb.embeddedmongo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A seeded generator of test values for the randomized tests: random values (numbers biased towards
 * small distances from zero or the bound nearest it, but spanning the whole range), with the
 * generator's edge cases (bounds, zero, ±1, ±2, the smallest step, empty and single-element values)
 * mixed in. {@link #tries} pairs two generators into a fixed number of reproducible tries, in which
 * combinations of the two generators' edge cases are also mixed in.
 */
final class Gen<T> {

    /** Bounds of the odds of an edge case (one in this many values), which grow with tries per edge case. */
    private static final int MIN_EDGE_CASE_ODDS = 5;
    private static final int MAX_EDGE_CASE_ODDS = 20;

    private final BiFunction<Random, Integer, T> random;
    private final List<T> edgeCases;

    private Gen(BiFunction<Random, Integer, T> random, List<T> edgeCases) {
        this.random = random;
        this.edgeCases = edgeCases;
    }

    /**
     * The next value: now and then one of the edge cases (more often when there are few edge cases
     * and many tries), otherwise a random value.
     */
    T next(Random random, int tries) {
        if (!edgeCases.isEmpty() && random.nextInt(edgeCaseOdds(tries, edgeCases.size())) == 0) {
            return edgeCases.get(random.nextInt(edgeCases.size()));
        }
        return this.random.apply(random, tries);
    }

    <U> Gen<U> map(Function<? super T, ? extends U> mapper) {
        List<U> mapped = new ArrayList<>();
        edgeCases.forEach(edgeCase -> mapped.add(mapper.apply(edgeCase)));
        return new Gen<>((random, tries) -> mapper.apply(this.random.apply(random, tries)), mapped);
    }

    private static int edgeCaseOdds(int tries, int edgeCases) {
        return Math.min(Math.max(tries / Math.max(edgeCases, 1), MIN_EDGE_CASE_ODDS), MAX_EDGE_CASE_ODDS);
    }

    // ---- generators

    /** Values made by a function of the random source alone, without edge cases. */
    static <T> Gen<T> from(Function<Random, T> factory) {
        return new Gen<>((random, tries) -> factory.apply(random), List.of());
    }

    static <T> Gen<T> just(T value) {
        return new Gen<>((random, tries) -> value, nullable(value));
    }

    /** One of the values, each as likely; the first and the last are the edge cases. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> all = Arrays.asList(values);
        List<T> edgeCases = values.length > 1 ? nullable(values[0], values[values.length - 1]) : nullable(values[0]);
        return new Gen<>((random, tries) -> all.get(random.nextInt(all.size())), edgeCases);
    }

    /** One of the generators, each as likely, with its own edge cases; the edge cases are all of theirs. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        List<Gen<? extends T>> all = List.of(generators);
        List<T> edgeCases = new ArrayList<>();
        all.forEach(generator -> edgeCases.addAll(generator.edgeCases));
        return new Gen<>((random, tries) -> all.get(random.nextInt(all.size())).next(random, tries), edgeCases);
    }

    static Gen<Integer> ints() {
        return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static Gen<Integer> ints(int min, int max) {
        return integers(BigInteger.valueOf(min), BigInteger.valueOf(max)).map(BigInteger::intValueExact);
    }

    static Gen<Long> longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Gen<Long> longs(long min, long max) {
        return integers(BigInteger.valueOf(min), BigInteger.valueOf(max)).map(BigInteger::longValueExact);
    }

    static Gen<Byte> bytes() {
        return integers(BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE))
            .map(BigInteger::byteValueExact);
    }

    /** Doubles of the whole finite range with at most two decimals (no NaN, infinities or -0.0). */
    static Gen<Double> doubles() {
        return doubles(-Double.MAX_VALUE, Double.MAX_VALUE, 2);
    }

    static Gen<Double> doubles(double min, double max, int scale) {
        return decimals(new BigDecimal(Double.toString(min)), new BigDecimal(Double.toString(max)), scale)
            .map(BigDecimal::doubleValue);
    }

    /** Decimals of the given scale between min and max, both included. */
    static Gen<BigDecimal> decimals(BigDecimal min, BigDecimal max, int scale) {
        BigInteger unscaledMin = min.setScale(scale).unscaledValue();
        BigInteger unscaledMax = max.setScale(scale).unscaledValue();
        BigInteger center = center(unscaledMin, unscaledMax);
        BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
        List<BigDecimal> edgeCases = new ArrayList<>();
        for (BigDecimal candidate : List.of(BigDecimal.ZERO.setScale(scale), BigDecimal.ONE, BigDecimal.ONE.negate(), step,
                step.negate(), min, max)) {
            if (candidate.compareTo(min) >= 0 && candidate.compareTo(max) <= 0) {
                edgeCases.add(candidate);
            }
        }
        return new Gen<>((random, tries) -> new BigDecimal(biased(random, unscaledMin, unscaledMax, center), scale),
            edgeCases);
    }

    /** Integers between min and max, both included. */
    static Gen<BigInteger> integers(BigInteger min, BigInteger max) {
        BigInteger center = center(min, max);
        List<BigInteger> edgeCases = new ArrayList<>();
        for (BigInteger candidate : List.of(center, BigInteger.valueOf(-2), BigInteger.valueOf(-1), BigInteger.ZERO,
                BigInteger.TWO, BigInteger.ONE, min, min.add(BigInteger.ONE), max, max.subtract(BigInteger.ONE))) {
            if (candidate.compareTo(min) >= 0 && candidate.compareTo(max) <= 0 && !edgeCases.contains(candidate)) {
                edgeCases.add(candidate);
            }
        }
        return new Gen<>((random, tries) -> biased(random, min, max, center), edgeCases);
    }

    /** Strings of 0 to maxLength characters from the range, both included. */
    static Gen<String> strings(char from, char to, int maxLength) {
        List<String> edgeCases = new ArrayList<>();
        for (char c : new char[] {from, to, ' '}) {
            if (c >= from && c <= to && !edgeCases.contains(String.valueOf(c))) {
                edgeCases.add(String.valueOf(c));
            }
        }
        edgeCases.add("");
        return new Gen<>((random, tries) -> {
            char[] chars = new char[random.nextInt(maxLength + 1)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (from + random.nextInt(to - from + 1));
            }
            return new String(chars);
        }, edgeCases);
    }

    /**
     * Byte arrays of minSize to maxSize bytes, both included, each byte from {@link #bytes()} (with its
     * edge cases); the edge cases are the empty array, single-byte arrays and, for a fixed size, arrays
     * of one repeated edge-case byte.
     */
    static Gen<byte[]> byteArrays(int minSize, int maxSize) {
        Gen<Byte> bytes = bytes();
        List<byte[]> edgeCases = new ArrayList<>();
        if (minSize == 0) {
            edgeCases.add(new byte[0]);
        }
        for (Byte edgeCase : bytes.edgeCases) {
            if (minSize <= 1 && maxSize >= 1) {
                edgeCases.add(new byte[] {edgeCase});
            }
        }
        for (Byte edgeCase : bytes.edgeCases) {
            if (minSize == maxSize && minSize > 1) {
                byte[] repeated = new byte[minSize];
                Arrays.fill(repeated, edgeCase);
                edgeCases.add(repeated);
            }
        }
        return new Gen<>((random, tries) -> {
            byte[] array = new byte[minSize + random.nextInt(maxSize - minSize + 1)];
            for (int i = 0; i < array.length; i++) {
                array[i] = bytes.next(random, tries);
            }
            return array;
        }, edgeCases);
    }

    /** Zero when in range, otherwise the bound nearest to it: where the bias of {@link #biased} points. */
    private static BigInteger center(BigInteger min, BigInteger max) {
        return BigInteger.ZERO.max(min).min(max);
    }

    /**
     * Half the time uniform over [min, max]; otherwise at a distance from the center whose bit length
     * is uniform, so that small distances are as likely as each larger order of magnitude.
     */
    private static BigInteger biased(Random random, BigInteger min, BigInteger max, BigInteger center) {
        if (random.nextBoolean()) {
            return uniform(random, min, max);
        }
        BigInteger below = center.subtract(min);
        BigInteger above = max.subtract(center);
        boolean up = below.signum() == 0 || (above.signum() != 0 && random.nextBoolean());
        BigInteger room = up ? above : below;
        int bits = random.nextInt(room.bitLength() + 1);
        BigInteger distance = bits == 0 ? BigInteger.ZERO
            : uniform(random, BigInteger.ONE.shiftLeft(bits - 1),
                BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).min(room));
        return up ? center.add(distance) : center.subtract(distance);
    }

    private static BigInteger uniform(Random random, BigInteger min, BigInteger max) {
        BigInteger range = max.subtract(min);
        if (range.signum() == 0) {
            return min;
        }
        while (true) {
            BigInteger offset = new BigInteger(range.bitLength(), random);
            if (offset.compareTo(range) <= 0) {
                return min.add(offset);
            }
        }
    }

    @SafeVarargs
    private static <T> List<T> nullable(T... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    // ---- tries

    /**
     * One try: its number (from 1), the seed of the random source that generated its values (null when
     * they are a combination of edge cases) and the two values.
     */
    record Try<A, B>(int number, Long seed, A first, B second) {
        @Override
        public String toString() {
            return "try " + number + (seed == null ? " (edge cases)" : " (seed " + seed + ")");
        }
    }

    /**
     * {@code count} tries of values from two generators, the same for the same seed. Each try draws its
     * own seed from the given one and generates both values from a {@link Random} with that seed;
     * now and then a try instead takes the next combination of an edge case of the first generator with
     * one of the second, until all combinations have been tried (with up to about count / (edge cases
     * of the first) edge cases of the second).
     */
    static <A, B> List<Try<A, B>> tries(long seed, int count, Gen<A> first, Gen<B> second) {
        List<A> firstEdgeCases = first.edgeCases.subList(0, Math.min(first.edgeCases.size(), count));
        List<B> secondEdgeCases = List.of();
        if (!firstEdgeCases.isEmpty()) {
            int perFirst = Math.max(1, count / firstEdgeCases.size()) + (count % firstEdgeCases.size() > 0 ? 1 : 0);
            secondEdgeCases = second.edgeCases.subList(0, Math.min(second.edgeCases.size(), perFirst));
        }
        int combinations = firstEdgeCases.size() * secondEdgeCases.size();
        int odds = edgeCaseOdds(count, combinations);

        Random seeds = new Random(seed);
        List<Try<A, B>> tries = new ArrayList<>(count);
        int combination = 0;
        for (int number = 1; number <= count; number++) {
            long trySeed = seeds.nextLong();
            if (combination < combinations && seeds.nextInt(odds + 1) == 0) {
                tries.add(new Try<>(number, null, firstEdgeCases.get(combination / secondEdgeCases.size()),
                    secondEdgeCases.get(combination % secondEdgeCases.size())));
                combination++;
            } else {
                Random random = new Random(trySeed);
                A a = first.next(random, count);
                B b = second.next(random, count);
                tries.add(new Try<>(number, trySeed, a, b));
            }
        }
        return tries;
    }
}
