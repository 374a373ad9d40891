#!/usr/bin/env bash
# The production topology on loopback, from Debian packages and the build output: Redis,
# Mosquitto and InfluxDB (start.sh) and N command-center silos on Redis clustering, each serving
# API, hubs and dashboard on its own port (8081, 8082, …).
#
# Usage: deploy/local/cluster.sh start [--dir DIR] [--silos N] [--simulation Off|Small|Province]
#        deploy/local/cluster.sh stop  [--dir DIR]
#   --dir DIR     servers' and silos' configs, logs and PID files (default: <repo>/.run/cluster)
#   --silos N     silo processes (default 3)
#   --simulation  simulated sites, run by silo 1 (default Off)
# Build first: dotnet build CommandCenter.sln -c Release
# The administrator is "admin"; its password is printed and kept in DIR/admin-password.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "cluster.sh: $*" >&2; exit 1; }

cmd=${1:-}; shift || true
dir="$repo_root/.run/cluster" silos=3 simulation=Off
while (($#)); do
    case "$1" in
        --dir) dir=${2:?}; shift 2 ;;
        --silos) silos=${2:?}; shift 2 ;;
        --simulation) simulation=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ "$silos" =~ ^[1-9]$ ]] || die "--silos must be 1-9"

stop_silos() {
    for pf in "$dir"/silo*.pid; do
        [[ -f "$pf" ]] || continue
        pid=$(cat "$pf")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
            echo "cluster.sh: $(basename "$pf" .pid) (pid $pid) stopped"
        fi
        rm -f "$pf"
    done
}

case "$cmd" in
    start)
        dll="$repo_root/src/CommandCenter.Server/bin/Release/net10.0/CommandCenter.Server.dll"
        [[ -f "$dll" ]] || die "no build output at $dll: dotnet build CommandCenter.sln -c Release"
        mkdir -p "$dir"
        [[ -f "$dir/env.sh" ]] || bash "$script_dir/start.sh" --dir "$dir"
        # shellcheck source=/dev/null
        source "$dir/env.sh"
        [[ -f "$dir/admin-password" ]] || head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$dir/admin-password"
        cd "$(dirname "$dll")"   # the content root
        for i in $(seq 1 "$silos"); do
            sim=Off; ((i == 1)) && sim=$simulation
            nohup dotnet "$dll" \
                --urls "http://127.0.0.1:$((8080 + i))" \
                --Cluster:Provider=Redis "--Redis:Configuration=$CC_TEST_REDIS" \
                "--Cluster:SiloName=silo$i" "--Cluster:SiloPort=$((11110 + i))" "--Cluster:GatewayPort=$((30000 + i))" \
                --Mqtt:Mode=External "--Mqtt:Host=$CC_TEST_MQTT_HOST" "--Mqtt:Port=$CC_TEST_MQTT_PORT" \
                "--Influx:Url=$CC_TEST_INFLUX_URL" \
                "--Simulation:Mode=$sim" \
                --Auth:BootstrapAdmin:User=admin "--Auth:BootstrapAdmin:Password=$(cat "$dir/admin-password")" \
                >"$dir/silo$i.log" 2>&1 </dev/null &
            echo $! >"$dir/silo$i.pid"
        done
        for i in $(seq 1 "$silos"); do
            for _ in $(seq 1 120); do
                curl -sf -o /dev/null "http://127.0.0.1:$((8080 + i))/readyz" && break
                sleep 0.5
            done
            curl -sf -o /dev/null "http://127.0.0.1:$((8080 + i))/readyz" || die "silo$i not ready: see $dir/silo$i.log"
            echo "silo$i  http://127.0.0.1:$((8080 + i))/  pid $(cat "$dir/silo$i.pid")  log $dir/silo$i.log"
        done
        echo "admin password: $(cat "$dir/admin-password")"
        ;;
    stop)
        stop_silos
        bash "$script_dir/stop.sh" --dir "$dir"
        ;;
    *) usage >&2; exit 2 ;;
esac
