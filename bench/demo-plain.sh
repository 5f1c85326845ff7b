#!/usr/bin/env bash
# bench/demo-plain.sh — total wall time of `operator demo --plain` (issue 3; goal ≤ 30 s).
# Builds first (not timed), then runs the demo RUNS times (default 3) in fresh state dirs, alternating
# kill-leader and kill-follower, and prints each time and the median. Needs the .NET SDK and etcd.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
"$root/operator" --help >/dev/null
times=()
for i in $(seq 1 "$runs"); do
  fault=kill-leader; [ $((i % 2)) -eq 0 ] && fault=kill-follower
  state="$(mktemp -d /tmp/operator-bench-demo.XXXXXX)"
  start=$(date +%s.%N)
  "$root/operator" --state-dir "$state" demo --plain --fault "$fault" >"$state.log" 2>&1 || { echo "run $i ($fault) failed:" >&2; cat "$state.log" >&2; exit 1; }
  end=$(date +%s.%N)
  t=$(python3 -c "print(f'{$end-$start:.2f}')")
  echo "run $i ($fault): ${t} s"
  times+=("$t")
  "$root/operator" --state-dir "$state" cluster down --purge >/dev/null 2>&1 || true
  rm -rf "$state" "$state.log"
done
python3 -c "import statistics,sys; v=sorted(map(float,sys.argv[1:])); print(f'demo --plain wall time over {len(v)} runs: min {v[0]:.2f} s, median {statistics.median(v):.2f} s, max {v[-1]:.2f} s')" "${times[@]}"
