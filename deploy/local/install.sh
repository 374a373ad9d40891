#!/usr/bin/env bash
# Installs the Debian packages the command center needs for local runs and tests:
# the servers (Redis, Mosquitto, InfluxDB 1.x), their clients, ffmpeg (test cameras),
# headless Chromium + driver (screenshots), and fonts incl. CJK (Chinese glyphs in screenshots).
# python3 and curl for the scripts themselves. Node.js/npm only when `node` is missing (the
# machine image may ship its own build).
#
# Usage: deploy/local/install.sh
# Fast no-op when everything is already installed: no `apt-get update` then.
set -euo pipefail

packages=(
    redis-server
    mosquitto mosquitto-clients
    influxdb influxdb-client
    ffmpeg
    chromium chromium-driver
    fonts-dejavu-core fonts-noto-cjk
    # used by deploy/local/start.sh (port probe, readiness) and .ci/test.sh (TRX summary)
    python3 curl
)
if ! command -v node >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

# Which of them are not fully installed? (dpkg-query exits non-zero for unknown packages,
# and prints "install ok installed" only for a complete install.)
missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    echo "install.sh: all ${#packages[@]} packages already installed"
    exit 0
fi

# Root, or sudo, or a clear failure. Only needed when something must be installed.
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install.sh: need root to install: ${missing[*]}" >&2
    echo "install.sh: run as root, or install sudo" >&2
    exit 1
fi

echo "install.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Wait for a concurrent apt/dpkg (e.g. unattended upgrades) instead of failing at once.
apt_opts=(-o DPkg::Lock::Timeout=300 -q)
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
echo "install.sh: done"
