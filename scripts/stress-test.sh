#!/usr/bin/env bash
# Runs one test file N times in a row while other suites run alongside, as on a loaded CI
# machine, and says how many runs passed. A flaky test shows up here, not in CI.
#
#   scripts/stress-test.sh <test file> <count> [load suite ...]
#
# The load (default: test/plan test/language test/emulator, CPU-heavy and with no shared
# state) runs over and over in its own process group until the last run ends; the group is
# stopped by its id on exit. Each run's output is kept in a log folder, printed at the end.
# Run `npm run build` first when the file spawns the CLI. Exit status: 0 when every run passed.
set -euo pipefail

if [[ $# -lt 2 || ! -f $1 || ! $2 =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: scripts/stress-test.sh <test file> <count> [load suite ...]" >&2
    exit 2
fi
file=$1
count=$2
shift 2
load=("$@")
[[ ${#load[@]} -gt 0 ]] || load=(test/plan test/language test/emulator)

cd "$(dirname "$0")/.."
logs=$(mktemp -d "${TMPDIR:-/tmp}/voice-stress-XXXXXX")

# The load, in a process group of its own (setsid), so it can be stopped as a whole.
setsid bash -c 'while :; do npx vitest run "$@" >>"'"$logs"'/load.log" 2>&1 || true; done' load "${load[@]}" &
loader=$!
stop_load() { kill -- "-$loader" 2>/dev/null || true; wait "$loader" 2>/dev/null || true; }
trap stop_load EXIT

passed=0
for ((i = 1; i <= count; i++)); do
    start=$SECONDS
    if npx vitest run "$file" >"$logs/run-$i.log" 2>&1; then
        passed=$((passed + 1))
        echo "run $i/$count: passed in $((SECONDS - start)) s"
    else
        echo "run $i/$count: FAILED in $((SECONDS - start)) s (log: $logs/run-$i.log)"
    fi
done
loads=$(grep -c 'Test Files' "$logs/load.log" 2>/dev/null || true)
echo "$passed of $count runs of $file passed, with ${loads:-0} load run(s) of ${load[*]} alongside; logs in $logs"
[[ $passed -eq $count ]]
