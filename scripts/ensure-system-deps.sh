#!/bin/sh
# Installs the Debian/Ubuntu packages the kiosk needs and pip cannot provide:
# the shared libraries Qt's xcb/offscreen platforms and the virtual keyboard
# load, CJK fonts so Chinese renders as glyphs (Noto CJK for the screen; Droid
# Sans Fallback, TrueType, embedded in A4 PDFs with DejaVu Sans for Latin),
# python3-venv, and for the X smoke test (tests/test_xvfb_smoke.py) a virtual
# X server, X pointer and key events, and window pictures: xvfb, xdotool,
# x11-apps (xwd); for the web pages' browser tests (tests/browser.py) Debian's
# chromium, and zbar-tools (zbarimg) to decode the QR codes the kiosk prints;
# espeak-ng, the offline voice of the spoken guidance (kiosk/voice/speaker.py),
# and for its playback test (tests/voice/test_playback.py) a PulseAudio server
# with a null sink, recorded with parec (pulseaudio, pulseaudio-utils).
# fonts-noto-core: Noto Naskh and Noto Sans Arabic, for Uyghur on the screen and on paper.
# Root installs directly, others through sudo; without either it prints the
# exact command and fails.
set -eu

PKGS="python3-venv fonts-noto-cjk fonts-noto-core fonts-droid-fallback fonts-dejavu-core libpulse0 libegl1 libgl1 libopengl0 libglib2.0-0 \
libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libx11-xcb1 cups-client \
poppler-utils poppler-data xvfb xdotool x11-apps chromium zbar-tools espeak-ng pulseaudio pulseaudio-utils"

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "ensure-system-deps: not a Debian/Ubuntu system; install the equivalents of: $PKGS" >&2
    exit 0
fi

missing=""
for p in $PKGS; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "ensure-system-deps: installing:$missing"
if [ "$(id -u)" = "0" ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "ensure-system-deps: cannot install system packages (not root, no sudo)." >&2
    echo "Run as an administrator:  sudo apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
