#!/usr/bin/env bash
# Sourced by the test-host scripts that debootstrap a Debian root.

# The Debian mirror this machine already uses for apt (no host is hard-coded).
mirror() {
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null \
        | grep -v security | head -n1 | awk '{print ($1=="URIs:") ? $2 : $2}')
  [ -n "$uri" ] || { log "cannot find a Debian mirror in the apt sources"; exit 1; }
  printf '%s\n' "$uri"
}
