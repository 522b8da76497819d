package io.operadb.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's results: every figure in its section beside the raw-store baseline it should be read against, with
 * what is needed to compare runs (machine, JVM, settings, store size, time).
 */
final class Report {

    static final String BASELINES = "baselines";
    static final String COMMANDS = "commands";
    static final String PROJECTION_LAG = "projection lag";
    static final String REPLAY = "replay";
    static final String QUERIES = "queries";
    static final String GROWTH = "growth";
    /** The sections of the ordinary run. */
    static final List<String> SECTIONS = List.of(BASELINES, COMMANDS, PROJECTION_LAG, REPLAY, QUERIES);
    /** The sections of a growth run ({@code --growth}). */
    static final List<String> GROWTH_SECTIONS = List.of(BASELINES, GROWTH);

    /** A figure and, outside the baselines section, the raw-store figure it is compared with. */
    record Row(String section, Figure figure, Figure baseline) {

        /** The figure's rate as a fraction of its baseline's; null when either has no rate. */
        Double ofBaseline() {
            return baseline == null || baseline.rate() <= 0 || figure.rate() <= 0 ? null
                    : figure.rate() / baseline.rate();
        }
    }

    private final Instant startedAt = Instant.now();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private String target;
    private long eventsInStore;
    private double seconds;
    private final boolean growthRun;

    Report(BenchOptions options) {
        this.growthRun = options.growthRun();
        Runtime runtime = Runtime.getRuntime();
        machine.put("cores", runtime.availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("heapMaxMb", runtime.maxMemory() / (1024 * 1024));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        // other work on the machine skews every figure; the load average says how much there was
        machine.put("loadAverageAtStart", loadAverage());
        settings.put("quick", options.quick());
        settings.put("clients", options.clients());
        settings.put("entitiesPerClientCount", options.entities());
        settings.put("actionsPerClientCount", options.actions());
        settings.put("transfersPerClientCount", options.transfers());
        settings.put("holders", options.holders());
        settings.put("hotCounterBumps", options.hotBumps());
        settings.put("queriesPerKind", options.queries());
        settings.put("baselineDocs", options.baselineDocs());
        settings.put("scanDocs", options.scanDocs());
        settings.put("phaseLimitSeconds", options.phaseLimit().toSeconds());
        settings.put("baselineLimitSeconds", options.baselineLimit().toSeconds());
        settings.put("replayLimitSeconds", options.replayLimit().toSeconds());
        settings.put("warmUpSeconds", options.warmUp().toSeconds());
        if (options.growthRun()) {
            settings.put("growthSizes", options.growth());
            settings.put("hotEvents", options.hotEvents());
        }
    }

    void target(String description) {
        this.target = description;
    }

    void eventsInStore(long events) {
        this.eventsInStore = events;
    }

    void finished(double totalSeconds) {
        this.seconds = totalSeconds;
        machine.put("loadAverageAtEnd", loadAverage());
    }

    private static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return Math.round(load * 100) / 100.0;
    }

    void add(String section, Figure figure, Figure baseline) {
        if (!SECTIONS.contains(section) && !GROWTH_SECTIONS.contains(section)) {
            throw new IllegalArgumentException("no section " + section);
        }
        rows.add(new Row(section, figure, baseline));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The sections this run fills, in order. */
    List<String> sections() {
        return growthRun ? GROWTH_SECTIONS : SECTIONS;
    }

    List<Row> section(String section) {
        return rows.stream().filter(r -> r.section().equals(section)).toList();
    }

    Instant startedAt() {
        return startedAt;
    }

    Map<String, Object> machine() {
        return machine;
    }

    Map<String, Object> settings() {
        return settings;
    }

    String target() {
        return target;
    }

    long eventsInStore() {
        return eventsInStore;
    }

    double seconds() {
        return seconds;
    }
}
