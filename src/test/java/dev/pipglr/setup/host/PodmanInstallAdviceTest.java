package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class PodmanInstallAdviceTest {

    /** os-release as these distributions write it (the fields the advice reads). */
    private static String osRelease(String id, String like, String version, String pretty) {
        return "PRETTY_NAME=\"" + pretty + "\"\nNAME=\"x\"\nVERSION_ID=\"" + version + "\"\nID=" + id + "\n"
                + (like.isEmpty() ? "" : "ID_LIKE=\"" + like + "\"\n") + "HOME_URL=\"https://example.org/\"\n";
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            debian    |              | 12    | Debian GNU/Linux 12 (bookworm) | Upgrade the system to Debian 13
            debian    |              | 13    | Debian GNU/Linux 13 (trixie)   | sudo apt install podman
            ubuntu    | debian       | 22.04 | Ubuntu 22.04.4 LTS             | sudo do-release-upgrade
            ubuntu    | debian       | 24.04 | Ubuntu 24.04.1 LTS             | sudo apt install podman
            fedora    |              | 41    | Fedora Linux 41                | sudo dnf upgrade podman
            rocky     | rhel centos fedora | 9.4 | Rocky Linux 9.4             | sudo dnf upgrade podman
            almalinux | rhel centos fedora | 8.9 | AlmaLinux 8.9               | Upgrade to release 9
            linuxmint | ubuntu debian | 21.3 | Linux Mint 21.3               | apt-cache policy podman
            opensuse-tumbleweed | opensuse suse | 20241120 | openSUSE Tumbleweed | sudo zypper install podman
            arch      |              |       | Arch Linux                     | sudo pacman -Syu podman
            plan9     |              | 4     | Plan 9                         | https://podman.io/docs/installation
            """)
    void eachDistributionGetsItsOwnWay(String id, String like, String version, String pretty, String expected) {
        List<String> advice = PodmanInstallAdvice.forOsRelease(
                osRelease(id, like == null ? "" : like, version == null ? "" : version, pretty), true);

        assertTrue(String.join("\n", advice).contains(expected), advice.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ID=debian                  | debian
            ID="debian"                | debian
            ID='debian'                | debian
            # ID=fedora                |
            """)
    void valuesAreReadAsOsReleaseAllowsThem(String line, String id) {
        assertEquals(id == null ? null : id, PodmanInstallAdvice.parse(line).get("ID"));
    }

    @org.junit.jupiter.api.Test
    void debian12NamesItsPodmanAndTheReleaseThatHasANewerOne() {
        List<String> advice = PodmanInstallAdvice.forMachine(
                new FakeMachine("alice", 1500)
                        .file(
                                "/etc/os-release",
                                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n"),
                true);

        assertEquals(
                List.of(
                        "Debian GNU/Linux 12 (bookworm) ships podman 4.3.1, too old for pipglr; Debian 13 (trixie) ships podman 5.4.",
                        "Upgrade the system to Debian 13 (https://www.debian.org/releases/trixie/releasenotes), then: sudo apt install podman"),
                advice);
    }
}
