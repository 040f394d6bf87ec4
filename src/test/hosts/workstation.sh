#!/usr/bin/env bash
# The podman 5.x "test workstation": a Debian trixie system with systemd as
# PID 1, podman 5.4.x and a rootless user `alice` (uid 1500), run privileged
# by the host's own podman. Tests reach alice's rootless podman API through a
# socket in a bind-mounted folder, and reach the workstation's files and
# commands with `podman exec`.
#
#   workstation.sh up      build (cached) and start it; prints KEY=VALUE lines
#   workstation.sh down    stop and remove the container
#   workstation.sh env     print the KEY=VALUE lines of a running workstation
#   workstation.sh restart-api   restart alice's API service (e.g. after podman system migrate)
#   workstation.sh image   build (cached) the workstation's image only; prints WS_IMAGE=NAME
#                          (also the offline base for building the pipglr image)
#
# What was found on these machines (Debian 12 host, podman 4.3.1, hybrid
# cgroups v1, no CAP_SYS_RESOURCE, no /dev/net/tun for slirp4netns):
# - systemd 257 DOES boot as PID 1 in this container (--systemd=always,
#   --privileged): `systemctl is-system-running` says "degraded" only because
#   systemd-modules-load fails. So later tests can use loginctl/linger and
#   user services for real.
# - /run/user/UID is logind's tmpfs and cannot be bind-mounted out, so the API
#   socket for the host is a `podman system service` as alice with its own
#   runtime folder, listening in /srv/share (bind-mounted from the host).
#   alice's linger stays OFF, as on a fresh workstation.
# - That service is started with `podman exec`, NOT as a systemd unit: with
#   cgroups v1, containers created by a service inside a unit fail in runc
#   ("error mounting "cgroup" to rootfs at "/sys/fs/cgroup": ... stat
#   /sys/fs/cgroup/systemd/system.slice/<unit>: no such file or directory"),
#   and TTY containers then fail in conmon ("Failed to receive console file
#   descriptor"). A process exec'd into the container sits in a cgroup that
#   exists in the nested view, and containers start.
# - Inner podman needs runc (crun refuses hybrid cgroups), low default
#   ulimits, netns "none" (no tun device) and /dev/fuse mode 666 for rootless
#   fuse-overlayfs.
#
# The rootfs and image are cached per machine under $PIPGLR_TESTHOST_CACHE
# (default /var/cache/pipglr-testhosts) and in the host's podman storage; the
# tag changes whenever this script changes, so stale caches are not reused.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF="$here/containers.conf"
export PODMAN_IGNORE_CGROUPSV1_WARNING=1

cache=${PIPGLR_TESTHOST_CACHE:-/var/cache/pipglr-testhosts}
name=${PIPGLR_WS_NAME:-pipglr-ws}
share=${PIPGLR_WS_SHARE:-/var/tmp/$name-share}
ws_user=alice
ws_uid=1500
packages=systemd,systemd-sysv,dbus,libpam-systemd,podman,runc,uidmap,fuse-overlayfs,passt,catatonit,ca-certificates,procps,sudo,docker-registry,python3,acl

image_tag() {
  # Only what goes into the image decides its tag: editing the rest of this
  # script does not cost a new debootstrap.
  { declare -f build_rootfs; printf '%s\n' "$packages" "$ws_user" "$ws_uid"; } | sha256sum | cut -c1-12
}

log() { printf 'workstation: %s\n' "$*" >&2; }
. "$here/debian-mirror.sh"

build_rootfs() {
  local dir="$cache/trixie-$tag" tarball="$cache/trixie-$tag.tar"
  if [ -f "$tarball" ]; then printf '%s\n' "$tarball"; return; fi
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  rm -rf "$dir" && mkdir -p "$dir"
  log "debootstrap trixie into $dir (about 90 s, cached afterwards)"
  debootstrap --variant=minbase --include="$packages" trixie "$dir" "$(mirror)" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }

  # Inner podman: same constraints as the host, plus no network device.
  mkdir -p "$dir/etc/containers"
  cat >"$dir/etc/containers/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]
netns = "none"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  printf 'z /dev/fuse 0666 - - -\n' >"$dir/etc/tmpfiles.d/pipglr-fuse.conf"

  # Debian's docker-registry serves on 127.0.0.1:5000 inside the workstation (its
  # only network is loopback), plain HTTP as that package ships it: the registry
  # the update tests push a newer image to. Podman must be told it is insecure.
  # The package's htpasswd auth comes with an empty user file (nobody could
  # push), so the test registry runs without auth.
  cat >"$dir/etc/docker/registry/config.yml" <<'CONF'
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/docker-registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
CONF
  mkdir -p "$dir/etc/containers/registries.conf.d"
  printf '[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n' \
    >"$dir/etc/containers/registries.conf.d/50-pipglr-test-registry.conf"

  chroot "$dir" useradd -m -u "$ws_uid" -s /bin/bash "$ws_user"

  # Units that cannot work in a container and only add noise.
  for unit in systemd-modules-load.service systemd-networkd-wait-online.service; do
    ln -sf /dev/null "$dir/etc/systemd/system/$unit"
  done
  chroot "$dir" apt-get clean
  tar -C "$dir" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
  rm -rf "$dir"
  printf '%s\n' "$tarball"
}

ensure_image() {
  if podman image exists "$image"; then return; fi
  mkdir -p "$cache"
  local tarball
  tarball=$(build_rootfs)
  log "importing $tarball as $image"
  podman import --change 'CMD ["/sbin/init"]' "$tarball" "$image" >/dev/null
}

print_env() {
  printf 'WS_CONTAINER=%s\nWS_USER=%s\nWS_UID=%s\nWS_SOCKET=%s\nWS_CONTAINERS_CONF=%s\n' \
    "$name" "$ws_user" "$ws_uid" "$share/podman.sock" "$CONTAINERS_CONF"
}

start_api() {
  podman exec "$name" sh -c "pkill -u $ws_user -f 'podman system servic[e]' || true; rm -f /srv/share/podman.sock; \
    install -d -o $ws_user -g $ws_user -m 0700 /run/pipglr-test-$ws_user"
  # A user's podman.service runs in a cgroup the user owns (a unit of their
  # systemd instance); systemd inside a rootless runner makes its init.scope
  # there ("Failed to create .../init.scope control group: Permission denied"
  # when it cannot). The API service gets such a cgroup here too.
  local cgroup
  cgroup=$(podman exec "$name" sh -ec "own=\$(sed -n 's/^[0-9]*:name=systemd://p' /proc/1/cgroup); own=\${own%/init.scope}
    cg=\${own%/}/pipglr-test-$ws_user-api; mkdir -p /sys/fs/cgroup/systemd\$cg
    chown -R $ws_user:$ws_user /sys/fs/cgroup/systemd\$cg; echo \$cg")
  podman exec -d --user "$ws_user" -e "XDG_RUNTIME_DIR=/run/pipglr-test-$ws_user" -e PODMAN_IGNORE_CGROUPSV1_WARNING=1 \
    "$name" sh -c 'echo $$ > "/sys/fs/cgroup/systemd$0/cgroup.procs" && exec podman system service --time=0 unix:///srv/share/podman.sock' \
    "$cgroup" >/dev/null
  local i
  for i in $(seq 1 120); do
    if [ -S "$share/podman.sock" ] && curl -fsS --unix-socket "$share/podman.sock" http://d/_ping >/dev/null 2>&1; then
      chmod 0666 "$share/podman.sock" 2>/dev/null || true
      return
    fi
    sleep 0.25
  done
  log "the workstation's podman API did not come up"
  podman exec "$name" journalctl -b --no-pager -n 40 >&2 || true
  exit 1
}

up() {
  ensure_image
  down   # a workstation left running: its container and share go first
  mkdir -p "$share" && chmod 0777 "$share"
  log "starting $name"
  podman run -d --name "$name" --hostname "$name" --systemd=always --privileged \
    --device /dev/fuse --network=none -v "$share:/srv/share" "$image" >/dev/null
  local i state=
  for i in $(seq 1 120); do
    state=$(podman exec "$name" systemctl is-system-running 2>/dev/null || true)
    case "$state" in running|degraded) break ;; esac
    sleep 0.5
  done
  case "$state" in running|degraded) ;; *)
    log "systemd did not finish booting (state '$state'); its log:"; podman logs "$name" 2>&1 | tail -n 40 >&2; exit 1 ;;
  esac
  single_systemd_hierarchy
  # Nothing here manages a network (--network=none), so nothing reaches
  # network-online.target; a desktop's NetworkManager would. Quadlet's user
  # units wait for it (podman-user-wait-network-online.service).
  podman exec "$name" systemctl start network-online.target
  # logind's RemoveIPC=yes deletes a user's shared memory when their systemd
  # instance stops (e.g. linger turned off), including rootless podman's lock
  # table that alice's API service still uses: podman then fails with "deadlock
  # due to lock mismatch". Podman's own advice for service users is RemoveIPC=no.
  podman exec "$name" sh -ec 'mkdir -p /etc/systemd/logind.conf.d
    printf "[Login]\nRemoveIPC=no\n" > /etc/systemd/logind.conf.d/pipglr-test.conf
    systemctl restart systemd-logind'
  start_api
  log "ready (systemd $state): $(podman exec "$name" podman --version)"
  print_env
}

# systemd mode under this host's podman (cgroups v1) stacks the whole
# name=systemd hierarchy over the container's own cgroup mount and masks its
# release_agent with a file mount. A real workstation has one plain mount
# there, and both extras break what users run:
# - runc, started by a user service (e.g. a Quadlet unit), resolves its cgroup
#   against the lower mount but looks it up through the upper one ("error
#   mounting "cgroup" to rootfs at "/sys/fs/cgroup": ... stat /sys/fs/cgroup/
#   systemd/user.slice/...: no such file or directory");
# - rootless podman's systemd mode binds /sys/fs/cgroup/systemd into the
#   runner non-recursively, which the kernel refuses while mounts the user
#   namespace cannot see through sit on it ("error mounting
#   "/sys/fs/cgroup/systemd" ... flags: 0x1000: invalid argument").
# So the mask goes and the upper, whole-hierarchy mount is moved down over the
# container's own: one mount, as on a real workstation.
single_systemd_hierarchy() {
  podman exec "$name" sh -ec '
    [ "$(grep -c " /sys/fs/cgroup/systemd " /proc/self/mountinfo)" -ge 2 ] || exit 0
    umount /sys/fs/cgroup/systemd/release_agent 2>/dev/null || true
    mkdir -p /run/pipglr-cgroup-move
    mount --make-private /sys/fs/cgroup/systemd
    mount --move /sys/fs/cgroup/systemd /run/pipglr-cgroup-move
    umount /sys/fs/cgroup/systemd
    mount --move /run/pipglr-cgroup-move /sys/fs/cgroup/systemd
    rmdir /run/pipglr-cgroup-move
    [ "$(grep -c " /sys/fs/cgroup/systemd " /proc/self/mountinfo)" -eq 1 ]'
}

down() {
  podman rm -f --time 5 "$name" >/dev/null 2>&1 || true
  rm -rf "$share"
}

tag=$(image_tag)
image=localhost/pipglr-testws:$tag

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) print_env ;;
  restart-api) start_api ;;
  image) ensure_image; printf 'WS_IMAGE=%s\n' "$image" ;;
  *) echo "usage: $0 up|down|env|restart-api|image" >&2; exit 2 ;;
esac
