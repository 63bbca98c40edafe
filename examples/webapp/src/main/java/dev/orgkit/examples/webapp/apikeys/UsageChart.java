package dev.orgkit.examples.webapp.apikeys;

import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.DailyUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A month of API usage as a stacked bar chart, drawn on the server as SVG: one bar per day, one
 * colour per key, with a legend and a scale. The template only places what this computes.
 *
 * @param width the drawing's width, in SVG units
 * @param height the drawing's height
 * @param bars one rectangle per key and day that had calls
 * @param ticks the horizontal scale lines with their labels
 * @param days the day labels under the bars
 * @param legend each key's name and colour
 * @param total every call of the month
 * @param max the busiest day's calls
 */
public record UsageChart(int width, int height, List<Bar> bars, List<Tick> ticks, List<DayLabel> days,
        List<LegendEntry> legend, long total, long max) {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 48;
    static final int BOTTOM = 28;
    static final int TOP = 12;
    private static final List<String> COLOURS =
            List.of("#3559e0", "#e07a1f", "#2a9d6f", "#b8379b", "#6d6a00", "#0f8fa8", "#c23b3b", "#6b4fd6");

    /** A rectangle: {@code calls} calls of {@code key} on {@code day}. */
    public record Bar(double x, double y, double width, double height, String colour, String title) {}

    /** A scale line at {@code y} for {@code label} calls. */
    public record Tick(double y, String label) {}

    /** A day's label under its bar. */
    public record DayLabel(double x, String label) {}

    /** A key's name and colour in the legend. */
    public record LegendEntry(String name, String colour, long calls) {}

    /** Draws {@code usage} (one entry per day, oldest first); {@code names} gives each key's name. */
    public static UsageChart of(List<DailyUsage> usage, Map<ApiKeyId, String> names) {
        long max = usage.stream().mapToLong(DailyUsage::requests).max().orElse(0);
        long top = niceCeiling(max);
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = usage.isEmpty() ? 0 : (double) (WIDTH - LEFT) / usage.size();
        double barWidth = Math.max(1, slot * 0.7);

        Map<ApiKeyId, String> colours = new LinkedHashMap<>();
        Map<ApiKeyId, Long> perKey = new LinkedHashMap<>();
        usage.forEach(day -> day.byKey().forEach((key, calls) -> {
            colours.computeIfAbsent(key, k -> COLOURS.get(colours.size() % COLOURS.size()));
            perKey.merge(key, calls, Long::sum);
        }));

        List<Bar> bars = new ArrayList<>();
        List<DayLabel> labels = new ArrayList<>();
        for (int i = 0; i < usage.size(); i++) {
            DailyUsage day = usage.get(i);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double base = HEIGHT - BOTTOM;
            for (var entry : day.byKey().entrySet()) {
                double h = entry.getValue() * plotHeight / top;
                base -= h;
                bars.add(new Bar(round(x), round(base), round(barWidth), round(h), colours.get(entry.getKey()),
                        day.day() + ": " + entry.getValue() + " calls with " + name(names, entry.getKey())));
            }
            if (i == 0 || (i + 1) % 5 == 0) {
                labels.add(new DayLabel(round(x + barWidth / 2), Integer.toString(day.day().getDayOfMonth())));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int step = 0; step <= 4; step++) {
            long value = top * step / 4;
            ticks.add(new Tick(round(HEIGHT - BOTTOM - plotHeight * step / 4), Long.toString(value)));
        }
        List<LegendEntry> legend = new ArrayList<>();
        colours.forEach((key, colour) -> legend.add(new LegendEntry(name(names, key), colour, perKey.get(key))));
        long total = usage.stream().mapToLong(DailyUsage::requests).sum();
        return new UsageChart(WIDTH, HEIGHT, bars, ticks, labels, legend, total, max);
    }

    /** The smallest of 4, 8, 20, 40, 80, 200, ... that is at least {@code max}: a scale in round quarters. */
    static long niceCeiling(long max) {
        long magnitude = 1;
        while (true) {
            for (long step : new long[] {4, 8, 20}) {
                if (step * magnitude >= max) {
                    return step * magnitude;
                }
            }
            magnitude *= 10;
        }
    }

    private static String name(Map<ApiKeyId, String> names, ApiKeyId key) {
        return names.getOrDefault(key, key.value());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
