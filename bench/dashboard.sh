#!/usr/bin/env bash
# bench/dashboard.sh — the live dashboard's own footprint during `operator demo --auto` (issue 4).
# Goal: the dashboard process ≤ 10 % of one core and ≤ 150 MB RSS.
#
# Runs the whole demo (fresh state dir, kill-leader, --chapter-seconds CHAPTER_SECONDS, default 6) in a detached
# 160×45 tmux terminal RUNS times (default 3), samples the dashboard process (not its children) every 0.25 s from
# /proc: CPU = (utime+stime) over the run's wall time, RSS = peak VmHWM. Prints each run and the medians.
# Needs: the .NET SDK, etcd, tmux, python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
chapter="${CHAPTER_SECONDS:-6}"
socket="operator-bench-$$"
state=""
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  if [ -n "$state" ]; then
    "$root/operator" --state-dir "$state" cluster down --purge >/dev/null 2>&1 || true
    rm -rf "$state"
  fi
}
trap cleanup EXIT

"$root/operator" --help >/dev/null   # build once before measuring
dll="$root/.build/bin/Operator.Cli/Release/net10.0/operator.dll"
hz=$(getconf CLK_TCK)
results=()
for i in $(seq 1 "$runs"); do
  state="$(mktemp -d /tmp/operator-bench-dash.XXXXXX)"
  script="$state.sh"
  printf 'DOTNET_NOLOGO=1 dotnet %s --state-dir %s demo --auto --chapter-seconds %s; echo $? > %s/exit\nsleep 600\n' "$dll" "$state" "$chapter" "$state" >"$script"
  tmux -L "$socket" -f /dev/null new-session -d -s bench -x 160 -y 45 sh "$script"
  pid=""
  for _ in $(seq 1 200); do
    pid="$(pgrep -f -- "--state-dir $state demo --auto" | head -1 || true)"
    [ -n "$pid" ] && break
    sleep 0.05
  done
  [ -n "$pid" ] || { echo "run $i: the dashboard did not start" >&2; exit 1; }
  result="$(python3 - "$pid" "$state/exit" "$hz" <<'PY'
import os, sys, time
pid, exit_file, hz = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
start = time.monotonic(); cpu = 0.0; hwm = 0
while os.path.exists(f"/proc/{pid}") and not os.path.exists(exit_file):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        if fields[0] == "Z":
            break
        cpu = (int(fields[11]) + int(fields[12])) / hz
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                hwm = max(hwm, int(line.split()[1]))
    except (FileNotFoundError, ProcessLookupError, IndexError):
        break
    time.sleep(0.25)
wall = time.monotonic() - start
print(f"{cpu / wall * 100:.2f} {hwm / 1024:.1f} {wall:.1f}")
PY
)"
  for _ in $(seq 1 100); do [ -f "$state/exit" ] && break; sleep 0.2; done
  code="$(cat "$state/exit" 2>/dev/null || echo '?')"
  read -r cpu rss wall <<<"$result"
  echo "run $i: dashboard CPU ${cpu} % of one core, peak RSS ${rss} MB, demo wall time ${wall} s, exit code ${code}"
  [ "$code" = "0" ] || { echo "run $i failed; screen:" >&2; tmux -L "$socket" capture-pane -p -t bench >&2; exit 1; }
  results+=("$cpu $rss")
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -rf "$state" "$script"; state=""
done
printf '%s\n' "${results[@]}" | python3 -c "
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
cpu = [r[0] for r in rows]; rss = [r[1] for r in rows]
print(f'dashboard over {len(rows)} runs: CPU median {statistics.median(cpu):.2f} % (max {max(cpu):.2f} %), peak RSS median {statistics.median(rss):.1f} MB (max {max(rss):.1f} MB)')"
