#!/usr/bin/env bash
# The machine's own podman (Debian 12: 4.3.1, older than pipglr's 4.8) as a
# rootful API service on a socket of the tests' own, so the version gate can
# be tested against a real old podman.
#
#   host-podman.sh up     start it (restarting a leftover one); prints HOST_PODMAN_SOCKET=...
#   host-podman.sh down   stop it
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF="$here/containers.conf"
dir=${PIPGLR_HOST_PODMAN_DIR:-/var/tmp/pipglr-host-podman}
socket=$dir/podman.sock

down() {
  if [ -f "$dir/pid" ]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

up() {
  command -v podman >/dev/null || { echo "host-podman: podman is not installed" >&2; exit 1; }
  down
  mkdir -p "$dir"
  nohup podman system service --time=0 "unix://$socket" >"$dir/service.log" 2>&1 &
  echo $! >"$dir/pid"
  local i
  for i in $(seq 1 100); do
    if curl -fsS --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then
      printf 'HOST_PODMAN_SOCKET=%s\n' "$socket"
      return
    fi
    sleep 0.1
  done
  echo "host-podman: the service did not answer; its log:" >&2
  cat "$dir/service.log" >&2
  exit 1
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
