#!/usr/bin/env bash
# Builds localhost/pipglr-test:latest for the workstation's rootless user: a
# busybox-static image (Debian's busybox-static package, no registry) with a
# gitlab-runner stand-in, the real register helper from image/, and the LABEL
# (and ARG) lines of this repository's Containerfile copied at build time.
#
#   test-image.sh build    (the workstation must be up: workstation.sh up)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
export CONTAINERS_CONF="$here/containers.conf"
name=${PIPGLR_WS_NAME:-pipglr-ws}
share=${PIPGLR_WS_SHARE:-/var/tmp/$name-share}
image=localhost/pipglr-test:latest

[ "${1:-}" = build ] || { echo "usage: $0 build" >&2; exit 2; }
[ -x /bin/busybox ] || { echo "test-image: /bin/busybox is missing (apt-get install busybox-static)" >&2; exit 1; }
[ -d "$share" ] || { echo "test-image: the workstation is not up ($share missing)" >&2; exit 1; }

work=$share/test-image
rm -rf "$work" && mkdir -p "$work/rootfs/bin" "$work/rootfs/usr/local/bin" "$work/rootfs/usr/local/share/pipglr" \
  "$work/rootfs/etc/gitlab-runner" "$work/rootfs/tmp" "$work/rootfs/run" "$work/ctx"
cp /bin/busybox "$work/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$work/rootfs/bin/$applet"
done
install -m 0755 "$here/test-image/gitlab-runner" "$work/rootfs/usr/local/bin/gitlab-runner"
install -m 0755 "$here/test-image/pipglr-test-init" "$work/rootfs/usr/local/bin/pipglr-test-init"
install -m 0755 "$repo/image/pipglr-register" "$work/rootfs/usr/local/bin/pipglr-register"
install -D -m 0755 "$repo/image/pipglr-runner-state" "$work/rootfs/usr/local/libexec/pipglr-runner-state"
install -D -m 0755 "$repo/image/pipglr-log-level" "$work/rootfs/usr/local/libexec/pipglr-log-level"
# The real image's users (install.sh): the runner runs as runner (1001), as gitlab-runner.service says.
printf 'root:x:0:0:root:/root:/bin/sh\npodman:x:1000:1000::/home/podman:/bin/sh\nrunner:x:1001:1001::/home/runner:/bin/sh\n' \
  > "$work/rootfs/etc/passwd"
printf 'root:x:0:\npodman:x:1000:\nrunner:x:1001:\n' > "$work/rootfs/etc/group"
mkdir -p "$work/rootfs/home/runner" "$work/rootfs/cache"

# The Containerfile's own ARG defaults and labels: what the wizard must interpret.
{
  echo "FROM localhost/pipglr-test-base:latest"
  grep -E '^ARG (GITLAB_URL|NESTED_PRIVILEGED)=' "$repo/Containerfile"
  echo 'RUN printf "GITLAB_URL=%s\nNESTED_PRIVILEGED=%s\n" "$GITLAB_URL" "$NESTED_PRIVILEGED" > /usr/local/share/pipglr/build.env'
  echo 'CMD ["/usr/local/bin/pipglr-test-init"]'
  grep -E '^LABEL [a-z]+=' "$repo/Containerfile"
} > "$work/Containerfile"
chmod -R a+rX "$work"

podman exec --user alice -e XDG_RUNTIME_DIR=/run/pipglr-test-alice -e PODMAN_IGNORE_CGROUPSV1_WARNING=1 "$name" sh -ec "
  tar -C /srv/share/test-image/rootfs -c . | podman import -q - localhost/pipglr-test-base:latest >/dev/null
  podman build -q --network=none -t $image -f /srv/share/test-image/Containerfile /srv/share/test-image/ctx >/dev/null
  podman image inspect --format '{{len .Labels}} labels' $image
" >&2
echo "TEST_IMAGE=$image"
