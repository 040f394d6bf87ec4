#!/usr/bin/env bash
# The fleet test's runner hosts: N more podman 5.x test workstations
# (workstation.sh, named pipglr-fleet-1..N), each with its own systemd, user
# alice, API socket and the test image, fresh as a new runner host (no linger,
# no secrets, no volumes). Ansible reaches them with the containers.podman.podman
# connection plugin (podman exec), never over a network.
#
#   fleet.sh up [N]   start N hosts (default 3); prints FLEET_HOSTS and FLEET_SOCKETS
#   fleet.sh down     stop and remove every fleet host
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF="$here/containers.conf"
export PODMAN_IGNORE_CGROUPSV1_WARNING=1
prefix=pipglr-fleet-

up() {
  local count=${1:-3} i names=() sockets=()
  for i in $(seq 1 "$count"); do
    local name=$prefix$i
    PIPGLR_WS_NAME=$name "$here/workstation.sh" up >/dev/null
    PIPGLR_WS_NAME=$name "$here/test-image.sh" build >/dev/null
    names+=("$name")
    sockets+=("/var/tmp/$name-share/podman.sock")
  done
  printf 'FLEET_HOSTS=%s\nFLEET_SOCKETS=%s\n' "$(IFS=,; echo "${names[*]}")" "$(IFS=,; echo "${sockets[*]}")"
}

down() {
  local name
  for name in $(podman ps -a --format '{{.Names}}' | grep "^$prefix" || true); do
    PIPGLR_WS_NAME=$name "$here/workstation.sh" down
  done
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  *) echo "usage: $0 up [N]|down" >&2; exit 2 ;;
esac
