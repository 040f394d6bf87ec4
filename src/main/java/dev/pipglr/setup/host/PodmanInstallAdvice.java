package dev.pipglr.setup.host;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to get podman 4.8 or later on the distribution /etc/os-release names (os-release(5): ID, ID_LIKE,
 * VERSION_ID). What each release ships: Debian 12 podman 4.3.1, Debian 13 5.4; Ubuntu 22.04 3.4.4, 24.04 4.9.3;
 * Fedora, RHEL 9 and its rebuilds, openSUSE Tumbleweed and Arch keep podman current through their updates.
 */
public final class PodmanInstallAdvice {

    private PodmanInstallAdvice() {}

    /** The advice for this machine, from /etc/os-release (the generic advice when it cannot be read). */
    public static List<String> forMachine(Machine machine, boolean installed) {
        Optional<String> osRelease;
        try {
            osRelease = machine.readFile("/etc/os-release").or(() -> readQuietly(machine, "/usr/lib/os-release"));
        } catch (IOException e) {
            osRelease = Optional.empty();
        }
        return forOsRelease(osRelease.orElse(""), installed);
    }

    private static Optional<String> readQuietly(Machine machine, String path) {
        try {
            return machine.readFile(path);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param osRelease the text of /etc/os-release
     * @param installed whether an older podman is installed (upgrade) or none (install)
     */
    public static List<String> forOsRelease(String osRelease, boolean installed) {
        Map<String, String> fields = parse(osRelease);
        String id = fields.getOrDefault("ID", "");
        String like = " " + fields.getOrDefault("ID_LIKE", "") + " ";
        String version = fields.getOrDefault("VERSION_ID", "");
        String name = fields.getOrDefault("PRETTY_NAME", id);
        String verb = installed ? "upgrade" : "install";
        if (id.equals("debian")) {
            return major(version) >= 13
                    ? List.of(name + " ships podman 5.4: sudo apt update && sudo apt install podman")
                    : List.of(
                            name + " ships podman " + (major(version) == 12 ? "4.3.1" : "older than 4.3")
                                    + ", too old for pipglr; Debian 13 (trixie) ships podman 5.4.",
                            "Upgrade the system to Debian 13 (https://www.debian.org/releases/trixie/releasenotes),"
                                    + " then: sudo apt install podman");
        }
        if (id.equals("ubuntu")) {
            return major(version) >= 24
                    ? List.of(name + " ships podman 4.9 or later: sudo apt update && sudo apt install podman")
                    : List.of(
                            name + " ships podman 3.4, too old for pipglr; Ubuntu 24.04 LTS ships podman 4.9.",
                            "Upgrade the system to Ubuntu 24.04 LTS (sudo do-release-upgrade), then: sudo apt install podman");
        }
        if (id.equals("fedora")) {
            return List.of(name + ": sudo dnf " + verb + " podman (every supported Fedora has podman 4.8 or later)");
        }
        if (like.contains(" rhel ") || like.contains(" centos ") || id.equals("rhel") || id.equals("centos")) {
            return major(version) >= 9
                    ? List.of(name + ": sudo dnf " + verb + " podman (9.4 and later ship podman 4.9 or later)")
                    : List.of(
                            name + " ships podman older than 4.8; release 9.4 and later ship podman 4.9 or later.",
                            "Upgrade to release 9 (or later), then: sudo dnf install podman");
        }
        if (id.startsWith("opensuse") || like.contains(" suse ")) {
            return List.of(name + ": sudo zypper refresh && sudo zypper install podman");
        }
        if (id.equals("arch") || like.contains(" arch ")) {
            return List.of(name + ": sudo pacman -Syu podman");
        }
        if (like.contains(" debian ") || like.contains(" ubuntu ")) {
            return List.of(
                    name + " is based on Debian/Ubuntu: check what it offers with apt-cache policy podman;"
                            + " podman 4.8 or later comes with Debian 13 and Ubuntu 24.04 bases, then: sudo apt install podman");
        }
        return List.of("Install podman 4.8 or later from your distribution (https://podman.io/docs/installation).");
    }

    private static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** KEY=value lines, values unquoted as os-release(5) allows ("...", '...', or bare). */
    static Map<String, String> parse(String osRelease) {
        Map<String, String> fields = new HashMap<>();
        for (String line : osRelease.split("\n")) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.strip().startsWith("#") || equals < 0) {
                continue;
            }
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2
                    && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
            }
            fields.put(line.substring(0, equals).strip(), value);
        }
        return fields;
    }
}
