#!/usr/bin/env bash
# Builds PMDesk for Linux from the shared spec: the one-folder bundle, a .deb that installs
# it under /opt/pmdesk (with `pmdesk` on the PATH, a menu entry and icons), and a .tar.gz.
# Runs on a bare Debian machine of the CI kind: as root it installs what it needs
# (`bash .ci/setup`: system libraries and .venv with pyinstaller). Outputs, in packaging/dist/:
#   pmdesk/                                the bundle (run pmdesk/pmdesk)
#   pmdesk_<version>_<arch>.deb
#   pmdesk-<version>-linux-<arch>.tar.gz
# Environment: PMDESK_SKIP_SETUP=1 skips .ci/setup (the venv is already there);
#   PMDESK_BUNDLE_TRIM=0 builds without trimming (see pmdesk.spec);
#   PMDESK_REUSE_BUNDLE=1 repackages the bundle already in packaging/dist/pmdesk;
#   PMDESK_DEB_COMPRESS=xz|zstd|gzip (default gzip: fastest to build and to install).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PKG=$ROOT/packaging
BUILD=$PKG/build
DIST=$PKG/dist
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - start))"; }

step "setup"
if [ "${PMDESK_SKIP_SETUP:-0}" != 1 ]; then
  bash .ci/setup
fi
# tools this script uses beyond .ci/setup: strip/readelf (binutils; PyInstaller uses
# objdump from it too), file-ownership-free packaging needs only dpkg-deb (dpkg)
if ! command -v strip >/dev/null || ! command -v objdump >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null; }
  fi
fi
for tool in dpkg-deb tar gzip ldd strip readelf; do
  command -v "$tool" >/dev/null || { echo "build-linux.sh: $tool is missing" >&2; exit 1; }
done
PY=$ROOT/.venv/bin/python
[ -x .venv/bin/pyinstaller ] || { echo "build-linux.sh: .venv has no pyinstaller (run bash .ci/setup)" >&2; exit 1; }

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
# the frozen --version reads the installed metadata: make sure it is this version
if [ "$("$PY" -c 'from importlib.metadata import version; print(version("pmdesk"))')" != "$VERSION" ]; then
  .venv/bin/pip install -q --no-deps -e .
fi
ARCH=$(dpkg --print-architecture)
# PEP 440 -> Debian: 1.2.0rc1 -> 1.2.0~rc1, 1.2.0.dev3 -> 1.2.0~dev3 (sorts before 1.2.0)
DEB_VERSION=$(printf '%s' "$VERSION" | sed -E 's/[.]?(a|b|rc|dev)([0-9]+)/~\1\2/g; s/^([0-9.]+)[.]post/\1+post/')
echo "PMDesk $VERSION (deb $DEB_VERSION, $ARCH)"

step "icons"
"$PY" packaging/make_icons.py "$ROOT" "$BUILD/icons"

BUNDLE=$DIST/pmdesk
if [ "${PMDESK_REUSE_BUNDLE:-0}" = 1 ] && [ -x "$BUNDLE/pmdesk" ]; then
  step "PyInstaller bundle: reusing $BUNDLE (PMDESK_REUSE_BUNDLE=1)"
  rm -f "$DIST"/*.deb "$DIST"/*.tar.gz
else
  step "PyInstaller bundle"
  rm -rf "$DIST"
  mkdir -p "$DIST"
  PMDESK_ICON_DIR=$BUILD/icons .venv/bin/pyinstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" packaging/pmdesk.spec
fi

step "strip debug symbols"
# Wheels ship unstripped libraries (uvloop 13 MB -> 1.6 MB, libpython 22 -> 5.5 MB). Only
# files patchelf never touched: stripping auditwheel-repaired ones (in *.libs/, or with a
# RUNPATH pointing there) breaks them ("ELF load command address/offset not page-aligned").
if [ "${PMDESK_REUSE_BUNDLE:-0}" != 1 ] && command -v strip >/dev/null; then
  before_mb=$(du -sm "$BUNDLE" | cut -f1)
  find "$BUNDLE/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) ! -path '*.libs/*' -print0 \
    | while IFS= read -r -d '' f; do
        case "$f" in
          */libpython3*) ;;  # built by pyenv/distro with an rpath, never patchelf-ed
          *) readelf -d "$f" 2>/dev/null | grep -q -E '\((RPATH|RUNPATH)\)' && continue ;;
        esac
        printf '%s\0' "$f"
      done | xargs -0 -r strip --strip-unneeded
  echo "stripped: $before_mb MB -> $(du -sm "$BUNDLE" | cut -f1) MB"
fi

step "bundle check: shared libraries"
# Every library the bundle loads must come from the bundle or from a Debian package we
# depend on; "not found" means trimming went too far or a system library is missing.
mapfile -t elves < <(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' -o -name pmdesk \))
LD_LIBRARY_PATH=$BUNDLE/_internal ldd "${elves[@]}" >"$BUILD/ldd.txt" 2>/dev/null || true
missing=$(grep 'not found' "$BUILD/ldd.txt" | sort -u || true)
if [ -n "$missing" ]; then
  echo "build-linux.sh: bundled libraries need libraries this machine lacks:" >&2
  echo "$missing" >&2
  exit 1
fi
# system libraries the bundle links to -> the Debian packages that ship them
mapfile -t syslibs < <(awk '$2 == "=>" && $3 ~ /^\// {print $3}' "$BUILD/ldd.txt" \
  | grep -v "^$BUNDLE/" | sort -u)
auto_deps=$(for lib in "${syslibs[@]}"; do echo "$lib"; readlink -f "$lib"; done | sort -u \
  | xargs -r dpkg -S 2>/dev/null | cut -d: -f1 | tr ', ' '\n\n' | grep -v '^$' | sort -u \
  | tr '\n' ' ' || true)
echo "linked system packages: $auto_deps"
# plus what Qt opens at run time with dlopen (GL, D-Bus, xcb cursor, keyboard maps, fonts)
DEPENDS=$(printf '%s\n' $auto_deps libc6 libegl1 libgl1 libopengl0 libxkbcommon0 \
  libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-6 \
  libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 \
  libxcb-xkb1 libxcb-shm0 libxcb-sync1 libxcb-render0 libxcb-util1 | grep -v '^$' \
  | sort -u | sed 's/^libc6$/libc6 (>= 2.28)/' | paste -sd, | sed 's/,/, /g')

step "bundle check: --version"
got=$("$BUNDLE/pmdesk" --version)
[ "$got" = "pmdesk $VERSION" ] || { echo "build-linux.sh: bundle says '$got', expected 'pmdesk $VERSION'" >&2; exit 1; }
echo "$got"

step ".deb"
STAGE=$BUILD/deb/pmdesk
rm -rf "$BUILD/deb"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons" "$STAGE/usr/share/doc/pmdesk"
cp -a "$BUNDLE" "$STAGE/opt/pmdesk"
ln -s /opt/pmdesk/pmdesk "$STAGE/usr/bin/pmdesk"
cp -a "$BUILD/icons/hicolor" "$STAGE/usr/share/icons/hicolor"
cat >"$STAGE/usr/share/applications/pmdesk.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Version=1.5
Name=PMDesk
GenericName=Batch Job Client
Comment=Run SPSS Modeler batch jobs on a remote or the embedded local service
Exec=pmdesk
Icon=pmdesk
Terminal=false
Categories=Office;Science;DataVisualization;
Keywords=SPSS;Modeler;batch;jobs;scoring;
StartupWMClass=pmdesk
EOF
cat >"$STAGE/usr/share/doc/pmdesk/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: pmdesk

Files: *
License: Apache-2.0
 On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0.
 The bundle under /opt/pmdesk also contains third-party Python packages and Qt
 (LGPL-3.0, via PySide6-Essentials), each under its own license.
EOF
chmod -R u+rwX,go+rX,go-w "$STAGE"
installed_kb=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat >"$STAGE/DEBIAN/control" <<EOF
Package: pmdesk
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: PMDesk maintainers <pmdesk@localhost>
Installed-Size: $installed_kb
Depends: $DEPENDS
Recommends: gnome-keyring | kwalletmanager | keepassxc
Section: science
Priority: optional
Description: desktop client and local service for SPSS Modeler batch jobs
 PMDesk runs SPSS Modeler batch jobs (the /pm/v1 batch job API) from the
 desktop, against a remote server or its own embedded local service, with a
 scikit-learn based stream engine. Self-contained: Python, Qt and all
 libraries are bundled under /opt/pmdesk; "pmdesk serve" runs the service.
EOF
DEB=$DIST/pmdesk_${DEB_VERSION}_${ARCH}.deb
# gzip -6: 36 s for 150 MB where xz takes 5 min (CI budget), and every dpkg reads it;
# zstd (17 s, 132 MB) needs dpkg >= 1.21.18 to install.
dpkg-deb --root-owner-group -Z"${PMDESK_DEB_COMPRESS:-gzip}" -z6 --build "$STAGE" "$DEB" >/dev/null
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'
rm -rf "$BUILD/deb"  # a second copy of the bundle

step ".tar.gz"
TGZ=$DIST/pmdesk-$VERSION-linux-$ARCH.tar.gz
tar -C "$DIST" --owner=0 --group=0 --transform "s,^pmdesk,pmdesk-$VERSION," -czf "$TGZ" pmdesk

step "done"
bundle_mb=$(du -sm "$BUNDLE" | cut -f1)
printf 'bundle  %6s MB  %s\n' "$bundle_mb" "$BUNDLE"
printf '.deb    %6s MB  %s\n' "$(du -m "$DEB" | cut -f1)" "$DEB"
printf '.tar.gz %6s MB  %s\n' "$(du -m "$TGZ" | cut -f1)" "$TGZ"
echo "biggest parts of the bundle (MB):"
du -sm "$BUNDLE"/_internal/* | sort -rn | sed -n '1,12p' | sed 's,'"$BUNDLE"'/,  ,'  # sed reads all: head could SIGPIPE sort (exit 141 under pipefail)
echo "build time: $(($(date +%s) - start)) s"
