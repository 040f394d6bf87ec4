#!/bin/sh
# Installs pipglr into the image; run once by the Containerfile. Works on dnf-
# (Fedora, quay.io/podman/stable) and apt-based (Debian) bases. Build args
# arrive as environment variables.
set -eu

here=/usr/local/share/pipglr
: "${BUILD_TYPE:=prod}" "${PRUNE_INTERVAL:=daily}" "${GITLAB_URL:=https://gitlab.com/}" "${NESTED_PRIVILEGED:=true}"
case "$BUILD_TYPE" in prod|dev) ;; *) echo "BUILD_TYPE must be prod or dev, not '$BUILD_TYPE'" >&2; exit 1 ;; esac
case "$NESTED_PRIVILEGED" in true|false) ;; *) echo "NESTED_PRIVILEGED must be true or false" >&2; exit 1 ;; esac

# --- packages: only what is missing ---------------------------------------------
need=""
for tool in podman systemctl fuse-overlayfs newuidmap setpriv; do
  command -v "$tool" >/dev/null 2>&1 || need="$need $tool"
done
if [ -n "$need" ]; then
  if command -v dnf >/dev/null 2>&1; then
    dnf install -y podman systemd fuse-overlayfs shadow-utils util-linux
  elif command -v apt-get >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends podman systemd systemd-sysv \
      fuse-overlayfs uidmap ca-certificates util-linux
    # setpriv is a package of its own on newer Debian releases.
    command -v setpriv >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends setpriv
  else
    echo "missing:$need, and neither dnf nor apt-get is available to install them" >&2
    exit 1
  fi
fi

# --- users with fixed IDs ----------------------------------------------------------
# quay.io/podman/stable already has podman (1000); make sure of both.
ensure_user() { # name uid
  if id "$1" >/dev/null 2>&1; then
    [ "$(id -u "$1")" = "$2" ] || usermod -u "$2" "$1"
  else
    useradd -m -u "$2" -U "$1"
  fi
}
ensure_user podman 1000
ensure_user runner 1001
# The nested podman's IDs: everything up to 65538 but root, podman and runner.
printf 'podman:1:999\npodman:1002:64537\n' > /etc/subuid
printf 'podman:1:999\npodman:1002:64537\n' > /etc/subgid
mkdir -p /home/podman/.local/share/containers /home/podman/.config/containers /cache
chown -R podman:podman /home/podman
chown runner:runner /cache

# The nested podman: rootless, fuse-overlayfs, no systemd cgroup manager of its own.
# Network and runtime stay the base's choice (/etc/containers/containers.conf).
cat > /home/podman/.config/containers/containers.conf <<'CONF'
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
cat > /home/podman/.config/containers/storage.conf <<'CONF'
[storage]
driver = "overlay"
[storage.options.overlay]
mount_program = "/usr/bin/fuse-overlayfs"
CONF
chown -R podman:podman /home/podman/.config

# --- gitlab-runner and the register helper -------------------------------------------
chmod 0755 /usr/local/bin/gitlab-runner
install -m 0755 "$here/pipglr-register" /usr/local/bin/pipglr-register
install -D -m 0755 "$here/pipglr-podman-service" /usr/local/libexec/pipglr-podman-service
install -D -m 0755 "$here/pipglr-runner-state" /usr/local/libexec/pipglr-runner-state
install -D -m 0755 "$here/pipglr-log-level" /usr/local/libexec/pipglr-log-level
mkdir -p /etc/gitlab-runner
# Upstream pipglr's path of the nested podman's socket, which users mount into jobs from config.toml
# (volumes = ["/home/runner/podman.sock:/var/run/podman.sock"]): the same socket, under both names.
ln -sfn /run/pipglr/podman.sock /home/runner/podman.sock
chown -h runner:runner /home/runner/podman.sock
printf 'GITLAB_URL=%s\nNESTED_PRIVILEGED=%s\n' "$GITLAB_URL" "$NESTED_PRIVILEGED" > "$here/build.env"

# --- systemd units -------------------------------------------------------------------
for unit in "$here"/units/*; do
  sed "s|@PRUNE_INTERVAL@|$PRUNE_INTERVAL|g" "$unit" > "/etc/systemd/system/$(basename "$unit")"
done
systemctl enable pipglr-podman.socket gitlab-runner.service pipglr-prune.timer
# Units that make no sense in a container.
for unit in systemd-modules-load.service systemd-networkd-wait-online.service getty.target \
            systemd-logind.service console-getty.service; do
  systemctl mask "$unit" >/dev/null 2>&1 || true
done

# --- prod: no package manager left behind ----------------------------------------------
if [ "$BUILD_TYPE" = prod ]; then
  if command -v dnf >/dev/null 2>&1; then dnf clean all; fi
  if command -v apt-get >/dev/null 2>&1; then apt-get clean; rm -rf /var/lib/apt/lists/*; fi
  for tool in dnf dnf5 dnf-3 yum microdnf apt apt-get apt-cache; do
    rm -f "/usr/bin/$tool"
  done
fi
