#!/usr/bin/env bash
# Starts Redis, Mosquitto and InfluxDB 1.x as plain background processes on 127.0.0.1
# (no systemd, no Docker), each with its config, data and log under DIR.
#
# Usage: deploy/local/start.sh [--dir DIR] [--redis-port N] [--mqtt-port N] [--influx-port N]
#                              [--only redis,mosquitto,influx]
#   --dir DIR        where configs, data, logs, *.pid and env.sh go (default: <repo>/.run/local)
#   --*-port N       fixed port; without it the first free port from 6390 / 1893 / 8096 is taken
#   --only LIST      start only these services (comma-separated)
#   CC_START_TIMEOUT seconds to wait for each service to answer (default 30)
#   CC_MOSQUITTO_EXTRA_CONF  more mosquitto.conf lines (newline-separated), e.g. max_queued_messages 0
#
# Then:  source DIR/env.sh   # CC_TEST_REDIS, CC_TEST_MQTT_HOST/PORT, CC_TEST_INFLUX_URL
# Stop:  deploy/local/stop.sh --dir DIR
#
# Test profile only: no auth anywhere (MQTT allow_anonymous), loopback only, no persistence
# worth keeping.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)

dir="$repo_root/.run/local"
redis_port="" mqtt_port="" influx_port=""
only="redis,mosquitto,influx"
timeout=${CC_START_TIMEOUT:-30}

# The comment block at the top of this file is the usage text.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
die() { echo "start.sh: $*" >&2; exit 1; }

while (($#)); do
    case "$1" in
        --dir) dir=${2:?--dir needs a value}; shift 2 ;;
        --redis-port) redis_port=${2:?--redis-port needs a value}; shift 2 ;;
        --mqtt-port) mqtt_port=${2:?--mqtt-port needs a value}; shift 2 ;;
        --influx-port) influx_port=${2:?--influx-port needs a value}; shift 2 ;;
        --only) only=${2:?--only needs a value}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

want_redis=0 want_mqtt=0 want_influx=0
IFS=',' read -ra svc_list <<<"$only"
for s in "${svc_list[@]}"; do
    case "$s" in
        redis) want_redis=1 ;;
        mosquitto|mqtt) want_mqtt=1 ;;
        influx|influxdb) want_influx=1 ;;
        "") ;;
        *) die "unknown service in --only: $s (known: redis, mosquitto, influx)" ;;
    esac
done
((want_redis + want_mqtt + want_influx > 0)) || die "--only selects no service"

for p in "$redis_port" "$mqtt_port" "$influx_port"; do
    [[ -z "$p" || "$p" =~ ^[0-9]+$ ]] || die "port is not a number: $p"
done

need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found: run deploy/local/install.sh"; }
need python3; need flock
((want_redis)) && { need redis-server; need redis-cli; }
((want_mqtt)) && { need mosquitto; need mosquitto_pub; }
((want_influx)) && { need influxd; need curl; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)   # absolute: it goes into configs and env.sh

# Refuse to start twice into the same DIR; drop PID files of processes that are gone.
for name in redis mosquitto influxd; do
    pf="$dir/$name.pid"
    [[ -f "$pf" ]] || continue
    pid=$(cat "$pf" 2>/dev/null || true)
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        die "$name already running in $dir (pid $pid): run deploy/local/stop.sh --dir $dir first"
    fi
    rm -f "$pf"
done

# Serialise port picking + start-up across concurrent start.sh runs (e.g. CI and a developer),
# so two runs cannot pick the same free port before either has bound it.
# The lock fd (9) must NOT be inherited by the servers (see launch below), or it would stay
# held for as long as they run and block every later start.sh.
lock_file="${TMPDIR:-/tmp}/cc-local-start.lock"
if [[ -e "$lock_file" && ! -w "$lock_file" ]]; then
    exec 9<"$lock_file"    # another user's lock file: flock works on a read-only fd too
else
    exec 9>>"$lock_file"
    chmod a+rw "$lock_file" 2>/dev/null || true
fi
flock -w 120 9 || die "could not get $lock_file within 120 s"

# --- ports -----------------------------------------------------------------------------
taken=()   # ports chosen in this run but not yet bound

# Is 127.0.0.1:PORT free? A real bind is the reliable test: it also fails when something
# listens on 0.0.0.0 or the port is otherwise reserved. SO_REUSEADDR as the servers use it,
# so a port left in TIME_WAIT still counts as free.
port_free() {
    local p=$1 t
    for t in "${taken[@]}"; do [[ "$t" == "$p" ]] && return 1; done
    python3 - "$p" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

# pick_port VAR DEFAULT_START: keep VAR if set (must be free), else first free from DEFAULT_START.
pick_port() {
    local -n _port=$1
    local start=$2 p
    if [[ -n "$_port" ]]; then
        port_free "$_port" || die "port $_port is in use (--${1//_/-})"
    else
        for ((p = start; p < start + 200; p++)); do
            if port_free "$p"; then _port=$p; break; fi
        done
        [[ -n "$_port" ]] || die "no free port in $start..$((start + 199)) (--${1//_/-})"
    fi
    taken+=("$_port")
}

influx_rpc_port=""
((want_redis)) && pick_port redis_port 6390
((want_mqtt)) && pick_port mqtt_port 1893
if ((want_influx)); then
    pick_port influx_port 8096
    # influxd always runs its RPC (backup/restore) service; it has no off switch, so it gets
    # its own free loopback port instead of the default :8088 that a second instance would hit.
    pick_port influx_rpc_port $((influx_port + 100))
fi

# --- start -----------------------------------------------------------------------------
# launch NAME LOG CMD...: run CMD in the background with stdin from /dev/null, stdout+stderr
# to LOG (truncated: its tail is what a failed start shows) and every other inherited
# descriptor closed, and write its PID to DIR/NAME.pid. Closing matters: a server that kept
# the caller's terminal or CI output pipe open would keep the caller waiting, and one that
# kept the lock fd 9 would hold the lock for as long as it runs. The subshell execs CMD, so
# $! is the server's own PID.
launch() {
    local name=$1 log=$2; shift 2
    (
        # No `2>/dev/null` on this loop: bash would park stderr on a spare fd >2 meanwhile, the
        # loop would close that one too, and the server's stderr would end up on /dev/null.
        # The -e test skips the fd the glob itself used (already closed again).
        for fd in "/proc/$BASHPID/fd/"*; do
            fd=${fd##*/}
            if ((fd > 2)) && [[ -e /proc/$BASHPID/fd/$fd ]]; then eval "exec $fd>&-"; fi
        done
        exec "$@"
    ) </dev/null >"$log" 2>&1 &
    echo $! >"$dir/$name.pid"
}

if ((want_redis)); then
    mkdir -p "$dir/redis"
    cat >"$dir/redis/redis.conf" <<EOF
# Generated by deploy/local/start.sh — local test profile.
bind 127.0.0.1
port $redis_port
protected-mode yes
daemonize no
dir "$dir/redis"
# No snapshots, no AOF: test data need not survive a restart.
save ""
appendonly no
logfile ""
EOF
    launch redis "$dir/redis.log" redis-server "$dir/redis/redis.conf"
fi

if ((want_mqtt)); then
    mkdir -p "$dir/mosquitto"
    # Mosquitto started as root drops privileges to the `mosquitto` user after reading its
    # config. With persistence off and the log on stderr (opened by this shell as the caller)
    # it writes no file itself, so DIR needs no mosquitto-writable paths — that matters
    # because a `mktemp -d` DIR is 0700 and the mosquitto user could not even enter it.
    cat >"$dir/mosquitto/mosquitto.conf" <<EOF
# Generated by deploy/local/start.sh — local test profile (no auth; per-site credentials later).
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
log_timestamp_format %Y-%m-%dT%H:%M:%S
EOF
    # Extra lines for a run of one's own (the benchmark lifts the queue limits).
    if [[ -n "${CC_MOSQUITTO_EXTRA_CONF:-}" ]]; then printf '%s\n' "$CC_MOSQUITTO_EXTRA_CONF" >>"$dir/mosquitto/mosquitto.conf"; fi
    launch mosquitto "$dir/mosquitto.log" mosquitto -c "$dir/mosquitto/mosquitto.conf"
fi

if ((want_influx)); then
    mkdir -p "$dir/influxdb/meta" "$dir/influxdb/data" "$dir/influxdb/wal"
    # Unknown keys are silently ignored by influxd, so both spellings of "no usage reporting"
    # are set: upstream 1.x reads reporting-disabled, Debian's build reads reporting-enabled.
    cat >"$dir/influxdb/influxdb.conf" <<EOF
# Generated by deploy/local/start.sh — local test profile.
reporting-disabled = true
reporting-enabled = false
# RPC service (backup/restore): cannot be disabled, so a free loopback port per instance.
bind-address = "127.0.0.1:$influx_rpc_port"

[meta]
    dir = "$dir/influxdb/meta"

[data]
    dir = "$dir/influxdb/data"
    wal-dir = "$dir/influxdb/wal"
    query-log-enabled = false

[monitor]
    # No _internal database written every 10 s.
    store-enabled = false

[http]
    enabled = true
    bind-address = "127.0.0.1:$influx_port"
    auth-enabled = false
    log-enabled = true
    suppress-write-log = true
    unix-socket-enabled = false

[ifql]
    enabled = false

[logging]
    suppress-logo = true

[[graphite]]
    enabled = false
[[collectd]]
    enabled = false
[[opentsdb]]
    enabled = false
[[udp]]
    enabled = false
EOF
    launch influxd "$dir/influxd.log" influxd -config "$dir/influxdb/influxdb.conf"
fi

# --- wait until each answers -------------------------------------------------------------
fail() {   # fail WHY LOG: report with the log tail, stop whatever this run started, exit
    echo "start.sh: $1; last lines of $2:" >&2
    tail -n 30 "$2" >&2 2>/dev/null || true
    "$script_dir/stop.sh" --dir "$dir" >&2 || true
    exit 1
}

# wait_ready NAME PIDFILE LOG CHECK_CMD...: poll CHECK_CMD every 0.1 s; give up early if the
# process died (bad config, port taken) instead of waiting for the timeout.
wait_ready() {
    local name=$1 pidfile=$2 log=$3; shift 3
    local pid deadline
    pid=$(cat "$pidfile")
    deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || fail "$name (pid $pid) exited during start-up" "$log"
        ((SECONDS < deadline)) || fail "$name did not answer within ${timeout}s" "$log"
        sleep 0.1
    done
}

redis_ready() { [[ $(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null) == PONG ]]; }
# An explicit client id (-i): some brokers (MQTTnet) reject empty ids; keep the habit.
mqtt_ready() {
    mosquitto_pub -h 127.0.0.1 -p "$mqtt_port" -i "cc-start-probe-$$" -t cc/start-probe -m ready -q 1
}
influx_ready() {
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$influx_port/ping") == 204 ]]
}

((want_redis)) && wait_ready redis "$dir/redis.pid" "$dir/redis.log" redis_ready
((want_mqtt)) && wait_ready mosquitto "$dir/mosquitto.pid" "$dir/mosquitto.log" mqtt_ready
((want_influx)) && wait_ready influxdb "$dir/influxd.pid" "$dir/influxd.log" influx_ready

# All bound: later start.sh runs may pick ports now.
flock -u 9
exec 9>&-

# --- env.sh for callers ------------------------------------------------------------------
{
    echo "# Generated by deploy/local/start.sh; source it: . $dir/env.sh"
    echo "export CC_LOCAL_DIR=$(printf %q "$dir")"
    ((want_redis)) && echo "export CC_TEST_REDIS=127.0.0.1:$redis_port"
    ((want_mqtt)) && echo "export CC_TEST_MQTT_HOST=127.0.0.1" && echo "export CC_TEST_MQTT_PORT=$mqtt_port"
    ((want_influx)) && echo "export CC_TEST_INFLUX_URL=http://127.0.0.1:$influx_port"
    true
} >"$dir/env.sh"

((want_redis)) && echo "redis      127.0.0.1:$redis_port  pid $(cat "$dir/redis.pid")  log $dir/redis.log"
((want_mqtt)) && echo "mosquitto  127.0.0.1:$mqtt_port  pid $(cat "$dir/mosquitto.pid")  log $dir/mosquitto.log"
((want_influx)) && echo "influxdb   http://127.0.0.1:$influx_port (rpc $influx_rpc_port)  pid $(cat "$dir/influxd.pid")  log $dir/influxd.log"
echo "env: source $dir/env.sh"
