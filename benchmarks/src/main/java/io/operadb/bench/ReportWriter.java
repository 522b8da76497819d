package io.operadb.bench;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as a table for people, and as JSON and CSV files for comparing runs. */
final class ReportWriter {

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-15s %-36s %4s %8s %4s %10s %-9s %8s %8s %8s | %-30s %4s %10s %-7s %7s %7s %6s%n";

    private ReportWriter() {
    }

    static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "OperaDB benchmark, %s; %s%n", report.startedAt(), report.target()));
        out.append(String.format(Locale.ROOT, "machine %s; settings %s%n", report.machine(), report.settings()));
        out.append(String.format(Locale.ROOT, "events in the store at the end: %,d; run took %.0f s%n%n",
                report.eventsInStore(), report.seconds()));
        out.append(String.format(Locale.ROOT, ROW, "section", "measurement", "cli", "count", "err", "rate", "unit",
                "p50 ms", "p99 ms", "p99.9 ms", "baseline (same run and store)", "cli", "rate", "unit", "p50 ms",
                "p99 ms", "ratio"));
        List<String> notes = new ArrayList<>();
        String lastSection = "";
        for (Report.Row row : report.rows()) {
            Figure f = row.figure();
            Figure b = row.baseline();
            String section = row.section().equals(lastSection) ? "" : row.section();
            lastSection = row.section();
            out.append(String.format(Locale.ROOT, ROW, section, cut(f.name(), 36), f.clients(),
                    String.format(Locale.ROOT, "%,d", f.count()), f.errors(), rate(f), f.unit(),
                    ms(f.latency().p50()), ms(f.latency().p99()), ms(f.latency().p999()),
                    b == null ? "" : cut(b.name(), 30), b == null ? "" : b.clients(), b == null ? "" : rate(b),
                    b == null ? "" : cut(b.unit(), 7), b == null ? "" : ms(b.latency().p50()),
                    b == null ? "" : ms(b.latency().p99()),
                    row.ofBaseline() == null ? "" : String.format(Locale.ROOT, "%.0f%%", row.ofBaseline() * 100)));
            if (f.note() != null) {
                notes.add(f.name() + " (" + f.clients() + "): " + f.note());
            }
        }
        if (!notes.isEmpty()) {
            out.append(String.format("%nnotes:%n"));
            notes.forEach(n -> out.append("  - ").append(n).append(System.lineSeparator()));
        }
        return out.toString();
    }

    /** Writes bench-&lt;time&gt;.json and .csv into the directory; returns the JSON file. */
    static Path write(Report report, Path dir) {
        try {
            Files.createDirectories(dir);
            String stem = "bench-" + FILE_STAMP.format(report.startedAt());
            Path json = dir.resolve(stem + ".json");
            OperaDbApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), asMap(report));
            Files.writeString(dir.resolve(stem + ".csv"), csv(report));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report into " + dir, e);
        }
    }

    static Map<String, Object> asMap(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("timestamp", report.startedAt().toString());
        root.put("target", report.target());
        root.put("machine", report.machine());
        root.put("settings", report.settings());
        root.put("eventsInStore", report.eventsInStore());
        root.put("seconds", round(report.seconds()));
        Map<String, Object> sections = new LinkedHashMap<>();
        for (String section : report.sections()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Report.Row row : report.section(section)) {
                Map<String, Object> r = figure(row.figure());
                if (row.baseline() != null) {
                    r.put("baseline", figure(row.baseline()));
                    r.put("ofBaseline", row.ofBaseline() == null ? null : round(row.ofBaseline()));
                }
                rows.add(r);
            }
            sections.put(section, rows);
        }
        root.put("sections", sections);
        return root;
    }

    private static Map<String, Object> figure(Figure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("clients", f.clients());
        m.put("count", f.count());
        m.put("errors", f.errors());
        m.put("rate", round(f.rate()));
        m.put("unit", f.unit());
        m.put("p50Ms", round(f.latency().p50()));
        m.put("p99Ms", round(f.latency().p99()));
        m.put("p999Ms", round(f.latency().p999()));
        m.put("maxMs", round(f.latency().max()));
        m.put("note", f.note());
        return m;
    }

    private static String csv(Report report) {
        StringBuilder out = new StringBuilder("timestamp,cores,section,measurement,clients,count,errors,rate,unit,"
                + "p50_ms,p99_ms,p999_ms,max_ms,baseline,baseline_clients,baseline_rate,baseline_unit,"
                + "baseline_p50_ms,baseline_p99_ms,of_baseline\n");
        for (Report.Row row : report.rows()) {
            Figure f = row.figure();
            Figure b = row.baseline();
            List<Object> cells = new ArrayList<>(List.of(report.startedAt(), report.machine().get("cores"),
                    row.section(), f.name(), f.clients(), f.count(), f.errors(), round(f.rate()), f.unit(),
                    round(f.latency().p50()), round(f.latency().p99()), round(f.latency().p999()),
                    round(f.latency().max())));
            if (b == null) {
                cells.addAll(List.of("", "", "", "", "", "", ""));
            } else {
                cells.addAll(List.of(b.name(), b.clients(), round(b.rate()), b.unit(), round(b.latency().p50()),
                        round(b.latency().p99()), row.ofBaseline() == null ? "" : round(row.ofBaseline())));
            }
            out.append(String.join(",", cells.stream().map(ReportWriter::csvCell).toList())).append('\n');
        }
        return out.toString();
    }

    private static String csvCell(Object value) {
        String text = String.valueOf(value);
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String rate(Figure f) {
        if (f.rate() <= 0) {
            return "-";
        }
        // ratios and seconds need their decimals; rates in the thousands do not
        return String.format(Locale.ROOT, f.rate() < 10 ? "%.2f" : "%,.0f", f.rate());
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f", millis)
                : String.format(Locale.ROOT, "%.2f", millis);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
