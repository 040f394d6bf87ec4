#!/usr/bin/env bash
# Installs the .deb from packaging/build.sh into a clean Debian 12 root
# (debootstrap --variant=minbase, cached) with apt, so its dependencies come
# from its own control file, then starts the installed launcher under Xvfb
# until the wizard's first frame. Also checks the desktop integration files
# and times the packaged start (with and without its AppCDS archives).
#
#   packaging/test-install.sh [DEB]      (root: debootstrap, chroot)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'test-install: %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

deb=${1:-$(ls packaging/out/pipglr-setup_*.deb 2>/dev/null | head -n1)}
[ -f "$deb" ] || fail "no .deb: run packaging/build.sh first"
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot)"
cache=${PIPGLR_TESTHOST_CACHE:-/var/cache/pipglr-testhosts}
mkdir -p "$cache/apt-archives"
eval "$(src/test/hosts/bookworm.sh)"

root=$(mktemp -d /var/tmp/pipglr-deb-root.XXXXXX)
xvfb_pid=
cleanup() {
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  for m in tmp/.X11-unix var/cache/apt/archives dev/pts dev sys proc; do
    umount -l "$root/$m" 2>/dev/null || true
  done
  rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$BOOKWORM_ROOTFS"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"   # only downloads are shared between runs
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/pipglr-setup.deb"

log "apt-get install ./$(basename "$deb") into a clean bookworm"
chroot "$root" apt-get update -qq
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/pipglr-setup.deb \
  >"$root/tmp/install.log" 2>&1 || { tail -n 30 "$root/tmp/install.log" >&2; fail "the .deb did not install"; }
for file in /usr/bin/pipglr-setup /opt/pipglr-setup/bin/pipglr-setup /usr/share/applications/dev.pipglr.setup.desktop \
            /usr/share/metainfo/dev.pipglr.setup.metainfo.xml /usr/share/icons/hicolor/256x256/apps/dev.pipglr.setup.png \
            /opt/pipglr-setup/lib/app/pipglr-setup.jsa; do
  chroot "$root" test -e "$file" || fail "$file is not installed"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/dev.pipglr.setup.desktop" || fail "the .desktop file is invalid"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$root/usr/share/metainfo/dev.pipglr.setup.metainfo.xml" >/dev/null || fail "the metainfo is invalid"
fi

# The X server runs on this machine; the clean root gets its socket only.
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
mkdir -p "$root/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"

# One start to the first frame; prints its wall time in ms.
start_once() {
  local begin end output
  begin=$(date +%s%N)
  output=$(chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root DISPLAY="$display" PIPGLR_IMAGE=localhost/none \
    JAVA_TOOL_OPTIONS=-Dpipglr.firstFrame=true timeout 120 /usr/bin/pipglr-setup 2>&1) || true
  end=$(date +%s%N)
  if ! grep -q '^first-frame' <<<"$output"; then
    printf '%s\n' "$output" | tail -n 30 >&2
    fail "the installed launcher did not reach its first frame"
  fi
  echo $(((end - begin) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

first=$(start_once)
log "the installed launcher drew its first frame (first start: $first ms)"

# PIPGLR_PACKAGE_RUNS=0 (bin/test-all, where the ITs run beside it and timings would be noise) checks the
# installed package without timing it; run this script alone to measure.
runs=${PIPGLR_PACKAGE_RUNS:-5}
if [ "$runs" -gt 0 ]; then
  # Start time as installed vs without the application's archive (the JDK's own
  # CDS only) vs without CDS at all, and the baseline: a bare JavaFX window (one
  # Label, the startup benchmark's MinimalWindow) started the same way in the same
  # root: the installed runtime's java with the launcher's JVM options, minus the
  # application's archive. Interleaved run by run so load hits all alike.
  cfg=$root/opt/pipglr-setup/lib/app/pipglr-setup.cfg
  cp "$cfg" "$root/tmp/cfg.installed"
  variant() { # installed | jdk-cds | no-cds
    cp "$root/tmp/cfg.installed" "$cfg"
    case "$1" in
      jdk-cds) sed -i '/SharedArchiveFile/d' "$cfg" ;;
      no-cds) sed -i 's/-Xshare:auto/-Xshare:off/' "$cfg" ;;
    esac
  }
  bare_classes=target/test-classes/dev/pipglr/setup
  variants=(installed jdk-cds no-cds)
  if [ -f "$bare_classes/bench/MinimalWindow.class" ]; then
    mkdir -p "$root/tmp/bare/dev/pipglr/setup/bench" "$root/tmp/bare/dev/pipglr/setup/ui/common"
    cp "$bare_classes"/bench/MinimalWindow*.class "$root/tmp/bare/dev/pipglr/setup/bench/"
    cp target/classes/dev/pipglr/setup/ui/common/FirstFrame*.class "$root/tmp/bare/dev/pipglr/setup/ui/common/"
    variants+=(bare)
  else
    log "no target/test-classes (mvn test-compile): the bare-window baseline is left out"
  fi
  # The launcher's JVM options without the application's archive, as java options.
  bare_options=$(sed -n 's/^java-options=//p' "$root/tmp/cfg.installed" | grep -v 'SharedArchiveFile\|APPDIR' | tr '\n' ' ')
  bare_once() {
    local begin end output
    begin=$(date +%s%N)
    # shellcheck disable=SC2086 # the options are words
    output=$(chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root DISPLAY="$display" timeout 120 \
      /opt/pipglr-setup/lib/runtime/bin/java $bare_options -cp /tmp/bare dev.pipglr.setup.bench.MinimalWindow 2>&1) || true
    end=$(date +%s%N)
    grep -q '^first-frame' <<<"$output" || { printf '%s\n' "$output" | tail -n 30 >&2; fail "the bare window did not draw"; }
    echo $(((end - begin) / 1000000))
  }
  for _ in $(seq 1 "$runs"); do
    for v in "${variants[@]}"; do
      if [ "$v" = bare ]; then
        echo "bare $(bare_once)"
      else
        variant "$v"
        echo "$v $(start_once)"
      fi
    done
  done > "$root/tmp/times"
  variant installed
  ms() { awk -v v="$1" '$1 == v {print $2}' "$root/tmp/times" | median; }
  installed=$(ms installed) jdk=$(ms jdk-cds) none=$(ms no-cds)
  ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
  log "packaged start to the first frame, median of $runs: installed (AppCDS) $installed ms ($(ratio "$installed" "$none")),"
  log "  JDK CDS only $jdk ms ($(ratio "$jdk" "$none")), no CDS $none ms (1.00)"
  if [ -f "$root/tmp/bare/dev/pipglr/setup/bench/MinimalWindow.class" ]; then
    bare=$(ms bare)
    log "  bare JavaFX window, same runtime and options: $bare ms; installed wizard / bare window: $(ratio "$installed" "$bare")"
  fi
else
  log "not timed (PIPGLR_PACKAGE_RUNS=0): run packaging/test-install.sh alone for the start-up benchmark"
fi
log "package: $(du -h "$deb" | cut -f1) .deb, $(du -sh "$root/opt/pipglr-setup" | cut -f1) installed"
log "ok"
