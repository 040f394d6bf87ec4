package dev.pipglr.setup.fleet;

import dev.pipglr.setup.runlabel.VolumeSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a verified workstation hands to the fleet: the image, the user that runs the runner on every host, the run
 * label as Quadlet files (one per cgroup version, the host picks), the volumes the setup labels create, and the
 * stored config.toml (only ever written to the export encrypted).
 *
 * @param quadletCgroupsV2 the start-at-boot panel's rendering for hosts on cgroups v2
 * @param quadletCgroupsV1 the same for hosts still on cgroups v1
 */
public record FleetSetup(
        String image,
        String user,
        String containerName,
        String quadletCgroupsV2,
        String quadletCgroupsV1,
        List<VolumeSpec> volumes,
        String configToml) {

    public FleetSetup {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(configToml, "configToml");
        volumes = List.copyOf(volumes);
    }

    /** Never the config (it holds tokens): the record's own toString would print it. */
    @Override
    public String toString() {
        return "FleetSetup[image=" + image + ", user=" + user + ", container=" + containerName + ", volumes="
                + volumes.stream().map(VolumeSpec::name).toList() + "]";
    }
}
