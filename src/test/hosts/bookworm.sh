#!/usr/bin/env bash
# A clean Debian 12 root (debootstrap --variant=minbase), as a tarball cached
# under $PIPGLR_TESTHOST_CACHE: the clean system the .deb is installed into
# (packaging/test-install.sh) and the apt-based base without podman that the
# image build test installs into. Prints BOOKWORM_ROOTFS=PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log() { printf 'bookworm: %s\n' "$*" >&2; }
. "$here/debian-mirror.sh"

cache=${PIPGLR_TESTHOST_CACHE:-/var/cache/pipglr-testhosts}
tarball=$cache/bookworm-minbase.tar
if [ ! -f "$tarball" ]; then
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  mkdir -p "$cache"
  log "debootstrap bookworm (minbase, about 40 s, cached afterwards)"
  dir=$(mktemp -d /var/tmp/pipglr-bookworm.XXXXXX)
  debootstrap --variant=minbase bookworm "$dir" "$(mirror)" >"$cache/debootstrap-bookworm.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap-bookworm.log" >&2; rm -rf "$dir"; exit 1; }
  chroot "$dir" apt-get clean
  tar -C "$dir" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
  rm -rf "$dir"
fi
printf 'BOOKWORM_ROOTFS=%s\n' "$tarball"
