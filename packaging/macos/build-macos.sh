#!/usr/bin/env bash
# Builds PMDesk.app from the shared spec (packaging/pmdesk.spec) and a .dmg with hdiutil.
# Runs on macOS only (cannot be built on the Linux CI machines). Needs: Python 3.11+ and
# `pip install -e '.[dev]'` in .venv (that brings PyInstaller), Xcode command line tools.
# Outputs, in packaging/dist/: PMDesk.app and PMDesk-<version>-macos-<arch>.dmg.
#
# Signing and notarization (optional, needs an Apple Developer ID):
#   PMDESK_CODESIGN_IDENTITY="Developer ID Application: Example Corp (TEAMID)"
#   PMDESK_NOTARY_PROFILE=pmdesk-notary   (created once with
#       xcrun notarytool store-credentials pmdesk-notary --apple-id ... --team-id ...)
# Without them the app is ad-hoc signed and Gatekeeper will ask users to confirm it.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build-macos.sh: runs on macOS only" >&2; exit 1; }
ROOT=$PWD
BUILD=$ROOT/packaging/build
DIST=$ROOT/packaging/dist
PY=$ROOT/.venv/bin/python
[ -x .venv/bin/pyinstaller ] || { echo "build-macos.sh: run: python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'" >&2; exit 1; }

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
.venv/bin/pip install -q --no-deps -e .  # installed metadata = pyproject version (--version reads it)
ARCH=$(uname -m)
echo "PMDesk $VERSION ($ARCH)"

"$PY" packaging/make_icons.py "$ROOT" "$BUILD/icons"
rm -rf "$DIST/pmdesk" "$DIST/PMDesk.app"
# the spec signs every binary with PMDESK_CODESIGN_IDENTITY when it is set (codesign_identity)
PMDESK_ICON_DIR=$BUILD/icons .venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD/pyinstaller" packaging/pmdesk.spec
APP=$DIST/PMDesk.app

got=$("$APP/Contents/MacOS/pmdesk" --version)
[ "$got" = "pmdesk $VERSION" ] || { echo "build-macos.sh: app says '$got'" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/pmdesk" --self-test

# --- SIGNING: the .app (hardened runtime, needed for notarization) -------------------------
if [ -n "${PMDESK_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist \
    --sign "$PMDESK_CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
else
  echo "NOTE: no PMDESK_CODESIGN_IDENTITY: ad-hoc signature only (not for distribution)"
  codesign --force --deep --sign - "$APP"
fi

# --- .dmg: the app and a link to /Applications ---------------------------------------------
DMG=$DIST/PMDesk-$VERSION-macos-$ARCH.dmg
stage=$BUILD/dmg
rm -rf "$stage" "$DMG"
mkdir -p "$stage"
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "PMDesk $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"

# --- SIGNING + NOTARIZATION: the .dmg ------------------------------------------------------
if [ -n "${PMDESK_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$PMDESK_CODESIGN_IDENTITY" "$DMG"
  if [ -n "${PMDESK_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$PMDESK_NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose "$DMG"
  fi
fi

echo "app  $(du -sm "$APP" | cut -f1) MB  $APP"
echo "dmg  $(du -sm "$DMG" | cut -f1) MB  $DMG"
