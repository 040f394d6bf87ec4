package dev.pipglr.setup.runlabel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A health check from --health-cmd and its settings, as podman's MakeHealthCheckFromCli builds it. */
final class Health {

    private Health() {}

    static Map<String, Object> config(
            String command,
            String interval,
            long retries,
            String timeout,
            String startPeriod,
            boolean startup,
            String labelName)
            throws RunlabelException {
        List<String> test;
        boolean isArray = true;
        try {
            test = new ObjectMapper().readValue(command, new TypeReference<List<String>>() {});
        } catch (IOException notJson) {
            test = List.of(command.split(" ", 2));
            isArray = false;
        }
        if (test.isEmpty()) {
            throw new RunlabelException("--health-cmd in the " + labelName + " label is empty");
        }
        String first = test.get(0).toUpperCase(Locale.ROOT);
        if (first.equals("CMD") || first.equals("NONE")) {
            test = List.of(command.trim().split("\\s+"));
        } else if (!first.equals("CMD-SHELL")) {
            if (isArray && test.size() > 1) {
                List<String> withCmd = new ArrayList<>(List.of("CMD"));
                withCmd.addAll(test);
                test = withCmd;
            } else {
                test = List.of("CMD-SHELL", String.join(" ", test));
            }
        }
        if (test.get(0).toUpperCase(Locale.ROOT).equals("NONE")) {
            test = List.of("NONE");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Test", test);
        config.put(
                "Interval",
                Units.durationNanos(interval.equals("disable") ? "0" : interval, "health-interval", labelName));
        if (retries < 1 && !startup) {
            throw new RunlabelException("--health-retries in the " + labelName + " label must be greater than 0");
        }
        config.put("Retries", retries);
        long timeoutNanos = Units.durationNanos(timeout, "health-timeout", labelName);
        if (timeoutNanos < 1) {
            throw new RunlabelException("--health-timeout in the " + labelName + " label must be at least 1 second");
        }
        config.put("Timeout", timeoutNanos);
        config.put("StartPeriod", Units.durationNanos(startPeriod, "health-start-period", labelName));
        return config;
    }
}
