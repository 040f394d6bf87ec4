#!/usr/bin/env bash
# Builds pipglr Setup's desktop packages into packaging/out/:
#   pipglr-setup/                 app-image (jlink'd runtime with the JavaFX modules)
#   pipglr-setup_VERSION_amd64.deb  installs to /opt/pipglr-setup, with a menu entry,
#                                 AppStream metainfo, icons and /usr/bin/pipglr-setup
#   pipglr-setup-VERSION-1.x86_64.rpm  only where rpmbuild is installed; jpackage's own:
#                                 no menu entry or metainfo yet, and only the JDK's CDS
#                                 archive (rpmbuild resets file times, which the
#                                 application archive checks)
#
#   packaging/build.sh            (needs: JDK 17 with jpackage, fakeroot, xvfb, util-linux)
#
# The launcher uses AppCDS: jlink writes the JDK's default archive, and this
# script records the application's classes at /opt/pipglr-setup (where the
# .deb installs, so the archive's class path matches) by starting the wizard
# once under Xvfb to its first frame. A mismatch only costs the speed-up.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'packaging: %s\n' "$*" >&2; }
for tool in jpackage jlink fakeroot dpkg-deb xvfb-run unshare; do
  command -v "$tool" >/dev/null || { log "$tool is missing (bin/install-deps --package installs what is needed)"; exit 1; }
done

name=pipglr-setup
version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
version=${version%-SNAPSHOT}          # jpackage wants plain numbers
out=packaging/out
modules=java.base,java.desktop,java.logging,java.naming,java.sql,jdk.unsupported,javafx.controls,javafx.fxml

rm -rf "$out" && mkdir -p "$out/input" "$out/javafx"
log "building the application jar"
mvn -q -B -ntp package -DskipTests
cp target/pipglr-setup.jar "$out/input/"
# A fresh copy of the runtime dependencies (target/lib may hold stale versions).
mvn -q -B -ntp dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PWD/$out/deps"
mv "$out"/deps/javafx-*-linux.jar "$out/javafx/"
rm -f "$out"/deps/javafx-*.jar      # the platform-less stubs: JavaFX lives in the runtime
mv "$out"/deps/*.jar "$out/input/"

log "jlink: $modules"
jlink --module-path "$out/javafx" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --generate-cds-archive --output "$out/runtime"
# The archive for heaps over 32 GB (no compressed oops): a desktop wizard never has one.
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"

log "jpackage app-image"
jpackage --type app-image --name "$name" --app-version "$version" --dest "$out" \
  --input "$out/input" --main-jar pipglr-setup.jar --main-class dev.pipglr.setup.app.Main \
  --runtime-image "$out/runtime" --icon packaging/icons/pipglr-setup-256.png \
  --description "Sets up a podman-in-podman GitLab runner (pipglr)" --vendor "pipglr Setup developers" \
  --java-options '-XX:SharedArchiveFile=$APPDIR/pipglr-setup.jsa' --java-options '-Xshare:auto' \
  --java-options '-Xlog:cds=off' --java-options '-Xlog:cds+dynamic=off' --java-options '-XX:TieredStopAtLevel=1'

log "jpackage .deb"
# jpackage's .deb is only unpacked and rebuilt below (with our control files and -Zxz): not compressing it
# saves compressing the whole runtime twice (dpkg-deb reads DPKG_DEB_COMPRESSOR_TYPE since 1.21.10).
DPKG_DEB_COMPRESSOR_TYPE=none jpackage --type deb --app-image "$out/$name" --name "$name" --app-version "$version" --dest "$out/jpackage" \
  --description "Sets up a podman-in-podman GitLab runner (pipglr)" --vendor "pipglr Setup developers" \
  --linux-package-name "$name" --linux-deb-maintainer "pipglr-setup@localhost" --linux-app-category devel \
  --linux-package-deps "libgtk-3-0, libxtst6"
deb=$(ls "$out"/jpackage/*.deb)

# jpackage's .deb has the application only: add the desktop integration, and
# the AppCDS archive recorded at the installed path.
log "adding the menu entry, metainfo, icons and the AppCDS archive"
tree=$out/deb-tree
fakeroot dpkg-deb -R "$deb" "$tree"
install -D -m 0644 packaging/dev.pipglr.setup.desktop "$tree/usr/share/applications/dev.pipglr.setup.desktop"
install -D -m 0644 packaging/dev.pipglr.setup.metainfo.xml "$tree/usr/share/metainfo/dev.pipglr.setup.metainfo.xml"
for size in 48 128 256; do
  install -D -m 0644 "packaging/icons/pipglr-setup-$size.png" \
    "$tree/usr/share/icons/hicolor/${size}x${size}/apps/dev.pipglr.setup.png"
done
install -D -m 0644 packaging/icons/pipglr-setup.svg "$tree/usr/share/icons/hicolor/scalable/apps/dev.pipglr.setup.svg"
mkdir -p "$tree/usr/bin" && ln -sf "/opt/$name/bin/$name" "$tree/usr/bin/$name"

cfg=$tree/opt/$name/lib/app/$name.cfg
cp "$cfg" "$out/cfg.orig"
sed -i '/SharedArchiveFile\|-Xshare\|-Xlog:cds/d' "$cfg"
printf 'java-options=-XX:ArchiveClassesAtExit=$APPDIR/%s.jsa\njava-options=-Dpipglr.firstFrame=true\n' "$name" >> "$cfg"
# A mount namespace of its own puts the tree at /opt/pipglr-setup without touching /opt.
unshare_args=(--mount --propagation private)
[ "$(id -u)" = 0 ] || unshare_args+=(--map-root-user)
unshare "${unshare_args[@]}" sh -ec '
  mount -t tmpfs none /opt && mkdir "/opt/$1" && mount --bind "$2/opt/$1" "/opt/$1"
  HOME=$(mktemp -d) PIPGLR_IMAGE=localhost/none timeout 120 xvfb-run -a -s "-screen 0 1280x1024x24" "/opt/$1/bin/$1" >/dev/null 2>&1 || true
' sh "$name" "$PWD/$tree"
cp "$out/cfg.orig" "$cfg"
if [ -s "$tree/opt/$name/lib/app/$name.jsa" ]; then
  log "AppCDS archive: $(du -h "$tree/opt/$name/lib/app/$name.jsa" | cut -f1)"
else
  log "no AppCDS archive was written: the launcher starts without it"
fi

# Installed size, as dpkg counts it.
sed -i "s/^Installed-Size:.*/Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)/" "$tree/DEBIAN/control"
fakeroot dpkg-deb -Zxz -b "$tree" "$out/" >/dev/null
rm -rf "$out/jpackage" "$tree" "$out/cfg.orig" "$out/deps"

if command -v rpmbuild >/dev/null; then
  log "jpackage .rpm"
  jpackage --type rpm --app-image "$out/$name" --name "$name" --app-version "$version" --dest "$out" \
    --description "Sets up a podman-in-podman GitLab runner (pipglr)" --vendor "pipglr Setup developers" \
    --linux-app-category Development/Tools --linux-package-deps "gtk3, libXtst"
else
  log "rpmbuild is not installed: no .rpm (apt-get install rpm, or build on Fedora)"
fi
ls -la "$out"
