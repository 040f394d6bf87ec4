package dev.pipglr.setup.fleet;

import dev.pipglr.setup.config.ConfigRunners;
import java.nio.file.Path;
import java.util.List;

/** The export's README.md: how to run it, what hosts need, the vault, and tokens shared by several hosts. */
final class FleetReadme {

    private FleetReadme() {}

    /** @param runners the runners with a token */
    static String render(FleetSetup setup, List<ConfigRunners.Runner> runners, Path out, Path inventory) {
        StringBuilder runnerLines = new StringBuilder();
        for (ConfigRunners.Runner runner : runners) {
            runnerLines
                    .append("- `")
                    .append(runner.displayName())
                    .append("`: ")
                    .append(
                            runner.hasAuthenticationToken()
                                    ? "runner authentication token (`glrt-`): every host becomes one more manager "
                                            + "of this runner"
                                    : "**legacy token**: every host is the same runner to GitLab (see below)")
                    .append('\n');
        }
        if (runners.isEmpty()) {
            runnerLines.append("- none: config.toml has no runner with a token yet\n");
        }
        return """
                # pipglr runners on several hosts

                Written by pipglr Setup from the setup it verified on one workstation. The playbook `site.yml` does
                pipglr's six steps on every host of the inventory, each step only when the host needs it:

                1. linger for `%1$s` (`loginctl enable-linger`), so the runner starts at boot;
                2. 65,539 subordinate UIDs and GIDs for `%1$s`, planned as the wizard's step 2 plans them (grow the
                   user's last range when the IDs after it are free, else add a range at the lowest free start from
                   100000; never overlapping another user's range), then `podman system migrate` only when a range
                   changed;
                3. no registration on the hosts: the runners registered on the workstation are in config.toml;
                4. the podman secret `config.toml` from `files/config.toml.vault` (replaced in one step, only when it
                   differs, so the host never is without one);
                5. the volumes the image's setup labels create, with their options, when missing;
                6. the run label as the Quadlet unit `pipglr.container` (the start-at-boot panel's file; a host on
                   cgroups v1 gets `files/pipglr-cgroupsv1.container`), then `pipglr.service` started, and restarted
                   when config.toml or the unit changed.

                A second run reports `changed=0`. A host that fails (unreachable, podman stopped) is reported
                failed in the recap; the others go on.

                ## Run it

                ```sh
                cd %2$s
                ansible-playbook -i inventory site.yml --ask-vault-pass
                # or, unattended: --vault-password-file ~/.config/pipglr-setup/vault-password
                ```

                The inventory is `%3$s`. Hosts need: systemd, podman %4$s or later, python3, the user `%1$s`,
                and an account Ansible connects with that may become root (sudo) and then `%1$s`; for becoming an
                unprivileged user Ansible needs `setfacl` (package `acl`) on the host, or pipelining over SSH. The
                image `%5$s` must be pullable from each host (or already there).

                ## Variables

                `group_vars/all/pipglr.yml` holds what the workstation's image and labels say: `pipglr_user`,
                `pipglr_image`, `pipglr_container`, `pipglr_volumes` (name and the exact `podman volume create` of
                each setup label), the Quadlet files, `pipglr_subordinate_ids`. To change one host only, set the
                variable on the host's line in the inventory (host variables win over this file).

                ## The vault

                `files/config.toml.vault` is config.toml encrypted with ansible-vault (format 1.1, AES256) under the
                password given at export; nothing else here holds a token. Ansible decrypts it only on the way into
                the podman secret (the tasks that touch it have `no_log`). To read or change it:
                `ansible-vault view files/config.toml.vault`, `ansible-vault edit files/config.toml.vault`; to change
                the password: `ansible-vault rekey files/config.toml.vault`. Keep the password out of this folder
                and out of version control.

                ## Tokens on several hosts

                The runners in config.toml:

                %6$s
                Each host gets its own system ID: gitlab-runner makes one on the host's first start and the image
                keeps it in the host's `pipglr-cache` volume; it is never copied from the workstation (the export
                holds no volume and no `.runner_system_id`).

                - **Runner authentication tokens (`glrt-`, GitLab 16 and later)** are meant to be shared: the runner
                  is created once in GitLab, and every host that uses its token shows up as one more *runner
                  manager* of it, told apart by its system ID. Jobs go to whichever host asks first; `concurrent`
                  limits each host on its own. Removing the runner on one host (`unregister`) removes only that
                  host's manager.
                - **Legacy tokens** (from registering with a registration token) name one runner: GitLab sees every
                  host that uses it as that same runner (its last contact, address and version flip between the
                  hosts), and unregistering it on one host deletes it for all of them. Register each host on its
                  own, or create a runner in GitLab (Settings > CI/CD > Runners > New runner) and use its `glrt-`
                  token; registration tokens are deprecated since GitLab 15.6 and off by default since 17.0.
                """.formatted(
                        setup.user(),
                        out.toAbsolutePath(),
                        inventory.toAbsolutePath(),
                        FleetExport.MIN_PODMAN,
                        setup.image(),
                        runnerLines);
    }
}
