#!/usr/bin/env bash
# bench/eval.sh — every fault of the catalogue × TRIALS trials (default 10) with the rules engine (issue 6).
#
# Runs `operator eval run --engine rules` in a fresh state dir: the run's own 3-member etcd cluster (8 MiB backend
# quota, peer fault proxy), the real monitor (--interval 0.5) and agent as child processes. Prints the Markdown report,
# the wall time of the whole run, and each goal with PASS/FAIL:
#   * every fault: detected by its own invariant in ≥ 90 % of trials;
#   * every fault: time-to-detect median ≤ 1 s (pause and partition ≤ 3 s);
#   * overall: diagnosis cause correct ≥ 85 %, 0 confident-and-wrong;
#   * the whole run under 30 min.
# The run directory (eval.db, report.md/json/html, monitor.log, agent.log) is kept when KEEP_STATE=1.
# Needs: the .NET SDK, etcd on PATH, python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trials="${TRIALS:-10}"
faults="${FAULTS:-all}"
work="$(mktemp -d /tmp/operator-bench-eval.XXXXXX)"
cleanup() {
  "$root/operator" --state-dir "$work/run/cluster" cluster down >/dev/null 2>&1 || true
  [ -n "${KEEP_STATE:-}" ] && echo "run kept in $work/run" >&2 || rm -rf "$work"
}
trap cleanup EXIT

"$root/operator" --help >/dev/null   # build the CLI before the clock starts
start=$(date +%s.%N)
"$root/operator" --state-dir "$work" eval run --faults "$faults" --trials "$trials" --engine rules --out "$work/run"
end=$(date +%s.%N)

python3 - "$work/run/report.json" "$start" "$end" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
ok = True
def check(label, passed, detail):
    global ok
    ok &= passed
    print(f"{'PASS' if passed else 'FAIL'}  {label}: {detail}")
print()
print(f"whole run: {wall / 60:.1f} min")
check("whole run < 30 min", wall < 30 * 60, f"{wall / 60:.1f} min")
for f in report["faults"]:
    own = f["detectedByOwnInvariant"]
    rate = own["rate"]
    check(f"{f['fault']}: own invariant ≥ 90 %", rate is not None and rate >= 0.9,
          f"{own['successes']}/{own['trials']} ({f['contaminated']} contaminated; first tickets by {f['detectingInvariants']})")
    limit = 3000 if f["fault"] in ("pause", "partition") else 1000
    median = f["timeToDetectMs"]["median"]
    check(f"{f['fault']}: time-to-detect median ≤ {limit} ms", median is not None and median <= limit,
          f"median {median} ms, p90 {f['timeToDetectMs']['p90']} ms, max {f['timeToDetectMs']['max']} ms")
o = report["overall"]
check("overall: cause correct ≥ 85 %", o["causeCorrect"]["rate"] is not None and o["causeCorrect"]["rate"] >= 0.85,
      f"{o['causeCorrect']['successes']}/{o['causeCorrect']['trials']}")
check("overall: 0 confident-and-wrong", o["confidentAndWrong"] == 0, str(o["confidentAndWrong"]))
sys.exit(0 if ok else 1)
PY
