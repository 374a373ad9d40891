#!/usr/bin/env bash
# Installs the edge agent on a Debian site PC as the systemd service cc-edge.
#
# Usage: deploy/edge/install.sh [--from DIR] [--root DIR] [--no-systemd]
#   --from DIR     an already published agent (dotnet publish edge/CommandCenter.Edge -c Release -o DIR);
#                  without it the agent is published from this repository (needs the .NET 10 SDK)
#   --root DIR     install below DIR instead of / (a staging tree: no user, no systemctl)
#   --no-systemd   do not run systemctl (containers, chroots)
#
# What it does (idempotent; an existing /etc/cc-edge/appsettings.json is never overwritten):
#   user and group cc-edge (system, no login, in dialout for serial devices)
#   /opt/cc-edge                       the published agent (root-owned, read-only to the service)
#   /etc/cc-edge/appsettings.json      the site's settings, 0640 root:cc-edge (holds the MQTT password)
#   /var/lib/cc-edge/queue             the durable queue, 0750 cc-edge
#   /etc/systemd/system/cc-edge.service, enabled; started only once Edge:SiteId is set
# Needs the ASP.NET Core 10 runtime (Debian: dotnet packages from packages.microsoft.com), or a
# self-contained publish passed with --from.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
from="" root="" systemd=1

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "install.sh: $*" >&2; exit 1; }

while (($#)); do
    case "$1" in
        --from) from=${2:?--from needs a directory}; shift 2 ;;
        --root) root=${2:?--root needs a directory}; shift 2 ;;
        --no-systemd) systemd=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

staging=0
if [[ -n "$root" ]]; then
    staging=1
    systemd=0
    mkdir -p "$root"
    root=$(cd "$root" && pwd)
elif [[ $(id -u) -ne 0 ]]; then
    die "run as root (or give --root DIR for a staging tree)"
fi

opt="$root/opt/cc-edge" etc="$root/etc/cc-edge" state="$root/var/lib/cc-edge" unit_dir="$root/etc/systemd/system"

# --- the program ---------------------------------------------------------------------------
if [[ -z "$from" ]]; then
    command -v dotnet >/dev/null 2>&1 || die "dotnet not found: install the .NET 10 SDK or pass --from DIR"
    from=$(mktemp -d "${TMPDIR:-/tmp}/cc-edge-publish.XXXXXX")
    trap 'rm -rf "$from"' EXIT
    echo "install.sh: publishing the agent"
    dotnet publish "$repo_root/edge/CommandCenter.Edge/CommandCenter.Edge.csproj" -c Release -o "$from" --nologo -v quiet
fi
[[ -f "$from/CommandCenter.Edge.dll" ]] || die "$from holds no CommandCenter.Edge.dll"

# --- user ------------------------------------------------------------------------------------
if ((!staging)) && ! id cc-edge >/dev/null 2>&1; then
    if command -v adduser >/dev/null 2>&1; then
        adduser --system --group --home /var/lib/cc-edge --no-create-home --shell /usr/sbin/nologin cc-edge
    else
        useradd --system --user-group --home-dir /var/lib/cc-edge --no-create-home --shell /usr/sbin/nologin cc-edge
    fi
fi
if ((!staging)) && getent group dialout >/dev/null; then
    usermod -a -G dialout cc-edge
fi
owner() { ((staging)) || chown "$@"; }

# --- files -------------------------------------------------------------------------------------
install -d -m 0755 "$opt" "$unit_dir"
rm -rf "$opt.new"
cp -a "$from" "$opt.new"
mkdir -p "$opt.new/docs"
cp "$repo_root/docs/edge-agent.md" "$opt.new/docs/" 2>/dev/null || true
rm -rf "$opt.old"
[[ -d "$opt" ]] && mv "$opt" "$opt.old"
mv "$opt.new" "$opt"
rm -rf "$opt.old"
chmod -R u=rwX,go=rX "$opt"
[[ -f "$opt/CommandCenter.Edge" ]] && chmod 0755 "$opt/CommandCenter.Edge"

install -d -m 0750 "$etc"
owner root:cc-edge "$etc"
if [[ ! -f "$etc/appsettings.json" ]]; then
    install -m 0640 "$script_dir/appsettings.site.json" "$etc/appsettings.json"
    owner root:cc-edge "$etc/appsettings.json"
    echo "install.sh: wrote $etc/appsettings.json: set Edge:SiteId, Edge:Mqtt:* and Edge:Devices"
fi

install -d -m 0750 "$state" "$state/queue"
owner -R cc-edge:cc-edge "$state"

install -m 0644 "$script_dir/cc-edge.service" "$unit_dir/cc-edge.service"
# The apphost finds the runtime by DOTNET_ROOT when dotnet is not where it looks by default.
dotnet_path=$(command -v dotnet 2>/dev/null || true)
if [[ -n "$dotnet_path" ]]; then
    dotnet_root=$(dirname "$(readlink -f "$dotnet_path")")
    if [[ "$dotnet_root" != /usr/lib/dotnet && "$dotnet_root" != /usr/share/dotnet ]]; then
        install -d -m 0755 "$unit_dir/cc-edge.service.d"
        printf '[Service]\nEnvironment=DOTNET_ROOT=%s\n' "$dotnet_root" >"$unit_dir/cc-edge.service.d/dotnet-root.conf"
    fi
fi

# --- systemd -------------------------------------------------------------------------------------
if ((systemd)) && command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
    systemctl enable cc-edge.service
    if grep -q '"SiteId": "00000000"' "$etc/appsettings.json"; then
        echo "install.sh: not started: set Edge:SiteId in $etc/appsettings.json, then: systemctl start cc-edge"
    else
        systemctl restart cc-edge.service
        echo "install.sh: cc-edge (re)started; status page: http://127.0.0.1:8780/ (journalctl -u cc-edge)"
    fi
else
    echo "install.sh: installed below ${root:-/}; systemd not used"
fi
