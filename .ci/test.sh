#!/usr/bin/env bash
# The project's test command (CI runs it through .ci/run):   bash .ci/test.sh
#
#  1. installs the Debian packages (deploy/local/install.sh; a no-op when present)
#  2. checks the .NET SDK
#  3. starts Redis, Mosquitto and InfluxDB on free loopback ports in a fresh temp dir
#     (deploy/local/start.sh), exports their addresses (CC_TEST_*) and CC_REQUIRE_SERVICES=1,
#     and always stops them again on exit
#  4. npm ci wherever src/ edge/ tests/ bench/ hold a package-lock.json
#  5. dotnet build CommandCenter.sln -c Release, then dotnet test --no-build (TRX files and
#     the dotnet test output in TestResults/ci/)
#  6. prints `tests: P passed, F failed, S skipped` as the very last line, and exits
#     non-zero if a test failed, dotnet test failed, or no test ran.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)
solution=CommandCenter.sln
results_dir="$repo_root/TestResults/ci"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ "${CI:-}" == true ]]; then
    # No MSBuild worker nodes left running after a CI build (they would outlive the run).
    export MSBUILDDISABLENODEREUSE=${MSBUILDDISABLENODEREUSE:-1}
fi

# --- step timing -------------------------------------------------------------------------
now_ms() { date +%s%3N; }
fmt_ms() { printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }
t_start=$(now_ms)
step_name="" step_t0=0
step() { step_name=$1; step_t0=$(now_ms); echo; echo "==> $step_name"; }
step_done() { echo "<== $step_name: $(fmt_ms $(($(now_ms) - step_t0)))"; }

# --- cleanup: always stop the servers ----------------------------------------------------
run_dir=""          # the servers' temp dir, once made
services_up=0
summary_printed=0   # after the closing line nothing else may be printed

stop_services() {
    if ((services_up)); then
        services_up=0
        bash deploy/local/stop.sh --dir "$run_dir" || true
    fi
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
on_exit() {
    local rc=$?
    stop_services >&2
    if ((rc != 0 && !summary_printed)); then
        echo "test.sh: FAILED in step '$step_name' (exit $rc) after $(fmt_ms $(($(now_ms) - t_start)))" >&2
        [[ -n "$run_dir" ]] && echo "test.sh: server logs kept in $run_dir" >&2
    elif [[ -n "$run_dir" && $rc -eq 0 ]]; then
        rm -rf "$run_dir"
    fi
}
trap on_exit EXIT
# Make Ctrl-C / TERM go through the EXIT trap too.
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. Debian packages ------------------------------------------------------------------
step "install packages"
bash deploy/local/install.sh
step_done

# --- 2. .NET SDK ---------------------------------------------------------------------------
step "check .NET SDK"
if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: dotnet not found: the .NET 10 SDK (see global.json) must be installed" >&2
    exit 1
fi
# dotnet --version also fails when global.json asks for an SDK that is not installed.
if ! sdk_version=$(dotnet --version 2>&1); then
    echo "$sdk_version" >&2
    echo "test.sh: no .NET SDK matching global.json" >&2
    exit 1
fi
echo "dotnet SDK $sdk_version"
step_done

# --- 3. servers ----------------------------------------------------------------------------
step "start servers"
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/cc-ci.XXXXXX")
services_up=1   # from here on the EXIT trap stops whatever start.sh left running
bash deploy/local/start.sh --dir "$run_dir"
# shellcheck source=/dev/null
source "$run_dir/env.sh"
# Tests that need a server fail instead of skipping when this is set.
export CC_REQUIRE_SERVICES=1
step_done

# --- 4. npm ----------------------------------------------------------------------------------
step "npm ci"
roots=()
for d in src edge tests bench; do [[ -d "$d" ]] && roots+=("$d"); done
locks=()
if ((${#roots[@]})); then
    mapfile -t locks < <(find "${roots[@]}" \( -name node_modules -o -name bin -o -name obj \) -prune \
        -o -name package-lock.json -type f -print | sort)
fi
if ((${#locks[@]} == 0)); then
    echo "no package-lock.json under ${roots[*]:-(none of src edge tests bench)}"
fi
for lock in "${locks[@]}"; do
    pkg_dir=$(dirname "$lock")
    # Locally, skip when node_modules was installed from this very lock file (npm writes
    # node_modules/.package-lock.json). CI starts from a clean clone, so it always installs.
    hidden="$pkg_dir/node_modules/.package-lock.json"
    if [[ "${CI:-}" != true && -f "$hidden" && "$hidden" -nt "$lock" && "$hidden" -nt "$pkg_dir/package.json" ]]; then
        echo "$pkg_dir: node_modules up to date"
        continue
    fi
    echo "$pkg_dir: npm ci"
    (cd "$pkg_dir" && npm ci --no-audit --no-fund --prefer-offline)
done
step_done

# --- 5a. build -------------------------------------------------------------------------------
step "dotnet build"
dotnet build "$solution" -c Release
step_done

# --- 5b. test ----------------------------------------------------------------------------------
step "dotnet test"
rm -rf "$results_dir"
mkdir -p "$results_dir"
# A test that hangs longer than CC_TEST_HANG_TIMEOUT (default 10m) aborts its test host with
# a dump, so a hang cannot eat CI's 90 minutes. Mini dumps: full ones were ≈ 300 MB each.
# LogFilePrefix, not LogFileName=results.trx: with a fixed name every test project of the
# solution writes the same file and only the last one survives (microsoft/vstest#3026).
# The prefix gives one results_<tfm>_<timestamp>.trx per test assembly.
set +e
dotnet test "$solution" -c Release --no-build \
    --logger "trx;LogFilePrefix=results" \
    --results-directory "$results_dir" \
    --blame-hang-timeout "${CC_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type mini \
    2>&1 | tee "$results_dir/dotnet-test.log"
test_rc=${PIPESTATUS[0]}
set -e
step_done

# --- 6. summary ----------------------------------------------------------------------------------
step "summary"
# Sum ResultSummary/Counters over every TRX file. Errors, time-outs and aborts count as
# failed; the rest of total (not executed: xunit's skipped, inconclusive, ...) as skipped.
# Not the notExecuted attribute: VSTest leaves it 0 for skipped tests (total - executed).
counts=$(python3 - "$results_dir" <<'PY'
import pathlib, sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
files = sorted(root.rglob("*.trx")) if root.is_dir() else []
passed = failed = skipped = 0
for path in files:
    for summary in ET.parse(path).getroot().iter():
        if summary.tag.rsplit("}", 1)[-1] != "ResultSummary":   # any XML namespace
            continue
        counters = next((c for c in summary if c.tag.endswith("Counters")), None)
        n = {k: int(v) for k, v in (counters.attrib if counters is not None else {}).items() if v.isdigit()}
        p = n.get("passed", 0)
        f = sum(n.get(k, 0) for k in ("failed", "error", "timeout", "aborted"))
        note = ""
        # A test host that crashed or was killed for hanging leaves outcome="Failed" with
        # failed="0" (the test it was running has no result): count that as one failure.
        if summary.get("outcome") not in ("Completed", "Passed", "Warning") and f == 0:
            f, note = 1, f"  (run {summary.get('outcome')}: test host crashed or hung)"
        passed += p
        failed += f
        skipped += max(0, n.get("total", 0) - p - f)
        print(f"{path.name}: total={n.get('total', 0)} passed={p} failed={f}{note}", file=sys.stderr)
print(len(files), passed, failed, skipped)
PY
)
read -r trx_files passed failed skipped <<<"$counts"
echo "$trx_files TRX file(s) in $results_dir"

rc=0
if ((test_rc != 0)); then
    echo "test.sh: dotnet test exited with $test_rc" >&2
    rc=1
fi
if ((failed > 0)); then
    echo "test.sh: $failed test(s) failed" >&2
    rc=1
fi
if grep -q "Overwriting results file" "$results_dir/dotnet-test.log"; then
    echo "test.sh: a TRX file was overwritten: the counts below miss a test assembly" >&2
    rc=1
fi
if ((passed + failed == 0)); then
    echo "test.sh: no test ran" >&2
    rc=1
fi
stop_services
if ((rc != 0)); then echo "test.sh: server logs kept in $run_dir" >&2; fi
step_done
echo "total: $(fmt_ms $(($(now_ms) - t_start)))"

summary_printed=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
