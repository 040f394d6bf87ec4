package dev.pipglr.setup.runlabel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** resource_limits and the per-device block-IO maps, as podman's GetResources builds them. */
final class Resources {

    private Resources() {}

    static void fill(RunArgs args, Map<String, Object> body, String labelName) throws RunlabelException {
        Map<String, Object> limits = new LinkedHashMap<>();
        Map<String, Object> memory = new LinkedHashMap<>();
        String swapText = args.string("memory-swap");
        if (args.string("memory") != null && !args.string("memory").isEmpty()) {
            long limit = Units.ramInBytes(args.string("memory"), "memory", labelName);
            if (limit > 0) {
                memory.put("limit", limit);
                if (swapText == null || swapText.isEmpty()) {
                    memory.put("swap", 2 * limit);
                }
            }
        }
        if (args.string("memory-reservation") != null
                && !args.string("memory-reservation").isEmpty()) {
            memory.put(
                    "reservation",
                    Units.ramInBytes(args.string("memory-reservation"), "memory-reservation", labelName));
        }
        if (swapText != null && !swapText.isEmpty() && !swapText.equals("-1")) {
            memory.put("swap", Units.ramInBytes(swapText, "memory-swap", labelName));
        }
        if (args.has("memory-swappiness")) {
            long swappiness = number(args, "memory-swappiness", labelName);
            if (swappiness >= 0) {
                memory.put("swappiness", swappiness);
            }
        }
        if (args.bool("oom-kill-disable", false)) {
            memory.put("disableOOMKiller", true);
        }
        if (!memory.isEmpty()) {
            limits.put("memory", memory);
        }
        if (args.string("blkio-weight") != null && !args.string("blkio-weight").isEmpty()) {
            limits.put("blockIO", Map.of("weight", number(args, "blkio-weight", labelName)));
        }
        devices(args, "blkio-weight-device", "weightDevice", body, labelName);
        devices(args, "device-read-bps", "throttleReadBpsDevice", body, labelName);
        devices(args, "device-write-bps", "throttleWriteBpsDevice", body, labelName);
        devices(args, "device-read-iops", "throttleReadIOPSDevice", body, labelName);
        devices(args, "device-write-iops", "throttleWriteIOPSDevice", body, labelName);
        if (args.has("pids-limit")) {
            limits.put("pids", Map.of("limit", number(args, "pids-limit", labelName)));
        }
        Map<String, Object> cpu = new LinkedHashMap<>();
        if (args.has("cpus")) {
            double cpus;
            try {
                cpus = Double.parseDouble(args.string("cpus"));
            } catch (NumberFormatException e) {
                throw new RunlabelException(
                        "--cpus " + args.string("cpus") + " in the " + labelName + " label is not a number");
            }
            if (cpus > 0) {
                long period = 100_000;
                cpu.put("period", period);
                cpu.put("quota", (long) (cpus * period));
            }
        }
        positive(args, "cpu-shares", "shares", cpu, labelName);
        positive(args, "cpu-period", "period", cpu, labelName);
        if (args.string("cpuset-cpus") != null && !args.string("cpuset-cpus").isEmpty()) {
            cpu.put("cpus", args.string("cpuset-cpus"));
        }
        if (args.string("cpuset-mems") != null && !args.string("cpuset-mems").isEmpty()) {
            cpu.put("mems", args.string("cpuset-mems"));
        }
        positive(args, "cpu-quota", "quota", cpu, labelName);
        positive(args, "cpu-rt-period", "realtimePeriod", cpu, labelName);
        positive(args, "cpu-rt-runtime", "realtimeRuntime", cpu, labelName);
        if (!cpu.isEmpty()) {
            limits.put("cpu", cpu);
        }
        Map<String, String> unified = new TreeMap<>();
        for (String conf : args.list("cgroup-conf")) {
            int eq = conf.indexOf('=');
            if (eq < 0) {
                throw new RunlabelException(
                        "--cgroup-conf " + conf + " in the " + labelName + " label must be KEY=VALUE");
            }
            unified.put(conf.substring(0, eq), conf.substring(eq + 1));
        }
        if (!unified.isEmpty()) {
            limits.put("unified", unified);
        }
        if (!limits.isEmpty()) {
            body.put("resource_limits", limits);
        }
    }

    private static void positive(RunArgs args, String option, String field, Map<String, Object> cpu, String labelName)
            throws RunlabelException {
        if (args.has(option)) {
            long value = number(args, option, labelName);
            if (value > 0) {
                cpu.put(field, value);
            }
        }
    }

    private static long number(RunArgs args, String option, String labelName) throws RunlabelException {
        try {
            return Long.parseLong(args.string(option));
        } catch (NumberFormatException e) {
            throw new RunlabelException(
                    "--" + option + " " + args.string(option) + " in the " + labelName + " label needs a whole number");
        }
    }

    private static void devices(RunArgs args, String option, String field, Map<String, Object> body, String labelName)
            throws RunlabelException {
        Map<String, Object> devices = new TreeMap<>();
        for (String value : args.list(option)) {
            int colon = value.indexOf(':');
            if (colon < 0 || !value.startsWith("/dev/")) {
                throw new RunlabelException(
                        "--" + option + " " + value + " in the " + labelName + " label needs /dev/DEVICE:VALUE");
            }
            String rate = value.substring(colon + 1);
            long number = option.endsWith("bps")
                    ? Units.ramInBytes(rate, option, labelName)
                    : parse(rate, option, value, labelName);
            devices.put(
                    value.substring(0, colon),
                    Map.of(option.equals("blkio-weight-device") ? "weight" : "rate", number));
        }
        if (!devices.isEmpty()) {
            body.put(field, devices);
        }
    }

    private static long parse(String text, String option, String value, String labelName) throws RunlabelException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RunlabelException("--" + option + " " + value + " in the " + labelName
                    + " label needs a whole number after the colon");
        }
    }
}
