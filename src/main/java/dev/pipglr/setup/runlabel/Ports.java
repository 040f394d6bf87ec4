package dev.pipglr.setup.runlabel;

import java.util.LinkedHashMap;
import java.util.Map;

/** -p/--publish as podman's CreatePortBindings reads it: [[IP:][HOSTPORT]:]CONTAINERPORT[/PROTOCOL], ranges with '-'. */
final class Ports {

    private Ports() {}

    static Map<String, Object> parse(String value, String labelName) throws RunlabelException {
        String[] byProto = value.split("/", -1);
        if (byProto.length > 2) {
            throw bad(value, labelName, "has more than one protocol");
        }
        String protocol = byProto.length == 2 ? byProto[1] : null;
        String rest = byProto[0];
        String hostIp = null;
        boolean v6 = false;
        String[] bracket = rest.split("]", -1);
        if (bracket.length == 2) {
            v6 = true;
            if (!bracket[0].startsWith("[") || (!bracket[1].isEmpty() && !bracket[1].startsWith(":"))) {
                throw bad(value, labelName, "has an IPv6 address that is not in brackets");
            }
            hostIp = bracket[0].substring(1);
            rest = bracket[1].startsWith(":") ? bracket[1].substring(1) : bracket[1];
        } else if (bracket.length > 2) {
            throw bad(value, labelName, "has more than one IPv6 address");
        }
        String[] parts = rest.split(":", -1);
        String hostPort = null;
        String containerPort;
        switch (parts.length) {
            case 1 -> {
                if (v6) {
                    throw bad(value, labelName, "names a host address without a container port");
                }
                containerPort = parts[0];
            }
            case 2 -> {
                hostPort = parts[0];
                containerPort = parts[1];
            }
            case 3 -> {
                if (v6) {
                    throw bad(value, labelName, "has too many colons");
                }
                hostIp = parts[0];
                hostPort = parts[1];
                containerPort = parts[2];
            }
            default -> throw bad(value, labelName, "has too many colons");
        }
        Map<String, Object> mapping = new LinkedHashMap<>();
        if (hostIp != null && !hostIp.isEmpty()) {
            mapping.put("host_ip", hostIp);
        }
        int[] container = range(containerPort, value, labelName);
        mapping.put("container_port", container[0]);
        if (hostPort != null && !hostPort.isEmpty()) {
            int[] host = range(hostPort, value, labelName);
            if (host[1] != container[1]) {
                throw bad(value, labelName, "maps a host range and a container range of different lengths");
            }
            mapping.put("host_port", host[0]);
        }
        mapping.put("range", container[1]);
        if (protocol != null) {
            mapping.put("protocol", protocol);
        }
        return mapping;
    }

    /** {start, length}. */
    private static int[] range(String text, String value, String labelName) throws RunlabelException {
        try {
            String[] ends = text.split("-", 2);
            int start = Integer.parseInt(ends[0]);
            int end = ends.length == 2 ? Integer.parseInt(ends[1]) : start;
            if (start < 1 || end > 65535 || end < start) {
                throw bad(value, labelName, "has a port outside 1-65535");
            }
            return new int[] {start, end - start + 1};
        } catch (NumberFormatException e) {
            throw bad(value, labelName, "has a port that is not a number");
        }
    }

    private static RunlabelException bad(String value, String labelName, String why) {
        return new RunlabelException("--publish " + value + " in the " + labelName + " label " + why);
    }
}
