package dev.streamlog.it.kit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus}, parsed from the text format: every sample's name,
 * labels and value, and sums over the samples that match a name and some labels.
 *
 * <p>Immutable; thread-safe.
 */
public final class Prometheus {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Prometheus(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Scrapes {@code baseUrl + /actuator/prometheus} (a node's management URL); fails on any answer but 200. */
    public static Prometheus scrape(Http http, String baseUrl) {
        HttpResult answer = http.get(baseUrl + "/actuator/prometheus", "text/plain");
        if (answer.status() != 200) {
            throw new IllegalStateException(answer.toString());
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new Prometheus(samples);
    }

    /** The sum of the samples called {@code name} whose labels include {@code labels} (pairs); 0 when none. */
    public double sum(String name, String... labels) {
        double sum = 0;
        for (Sample sample : matching(name, labels)) {
            sum += sample.value();
        }
        return sum;
    }

    /** Whether any sample is called {@code name} with {@code labels}. */
    public boolean has(String name, String... labels) {
        return !matching(name, labels).isEmpty();
    }

    private List<Sample> matching(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (all) {
                found.add(sample);
            }
        }
        return found;
    }
}
