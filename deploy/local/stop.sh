#!/usr/bin/env bash
# Stops what deploy/local/start.sh started in DIR, by its PID files: TERM, up to 5 s grace,
# then KILL. Idempotent: nothing running (or no DIR) is not an error. Data and logs stay.
#
# Usage: deploy/local/stop.sh [--dir DIR]     (default DIR: <repo>/.run/local)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
dir="$repo_root/.run/local"

while (($#)); do
    case "$1" in
        --dir) dir=${2:?--dir needs a value}; shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "stop.sh: unknown argument: $1" >&2; exit 1 ;;
    esac
done

# PID file name -> process name (/proc/PID/comm) that PID must still have: guards against a
# PID reused by an unrelated process after the server died. (Not /proc/PID/exe: Debian's
# /usr/bin/redis-server is a symlink to redis-check-rdb.)
declare -A comm_of=([redis]=redis-server [mosquitto]=mosquitto [influxd]=influxd)

# running PID [COMM]: the process exists, is not a zombie, and (if given) has that name.
# A plain `kill -0` also succeeds for a zombie, which an init that does not reap would keep.
running() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    # Field 3 (state) follows the ")" that closes the command name.
    [[ "${stat##*) }" != Z* ]] || return 1
    [[ -z "${2:-}" || "$(cat "/proc/$1/comm" 2>/dev/null)" == "$2" ]]
}

pids=() names=()
for name in redis mosquitto influxd; do
    pf="$dir/$name.pid"
    [[ -f "$pf" ]] || continue
    pid=$(cat "$pf" 2>/dev/null || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && running "$pid" "${comm_of[$name]}"; then
        kill -TERM "$pid" 2>/dev/null || true
        pids+=("$pid") names+=("$name")
    else
        echo "stop.sh: $name not running (stale $pf)"
    fi
    rm -f "$pf"
done

if ((${#pids[@]} == 0)); then
    echo "stop.sh: nothing running in $dir"
    exit 0
fi

# Wait for all of them together (not 5 s each), then KILL what is left.
for ((i = 0; i < 50; i++)); do
    alive=0
    for pid in "${pids[@]}"; do running "$pid" && alive=1; done
    ((alive)) || break
    sleep 0.1
done

for idx in "${!pids[@]}"; do
    pid=${pids[$idx]}
    if running "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        echo "stop.sh: ${names[$idx]} (pid $pid) killed after 5 s"
    else
        echo "stop.sh: ${names[$idx]} (pid $pid) stopped"
    fi
done
