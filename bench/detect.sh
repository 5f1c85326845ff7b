#!/usr/bin/env bash
# bench/detect.sh — time-to-detect and monitor footprint (issue 2).
#
# 1. Starts a fresh 3-member etcd cluster and `monitor run --interval 0.5` in a temp state dir,
#    kills a random node KILLS times (default 10), restarting it and waiting for the ticket to
#    auto-resolve in between, and reports time-to-detect = ticket firstSeenAt − kill `at`
#    as min / median / max. Once with the watch-drop trigger (default), once with --no-watch
#    (polling alone).
# 2. Runs the monitor at --interval 1 against the healthy cluster for STEADY_SECONDS (default 60)
#    after a WARMUP_SECONDS (default 20) warm-up, and reports its peak RSS (VmHWM) and CPU use as a
#    share of one core.
#
# Flap detection is turned off for the run (config.json in the temp state dir), so every kill opens its own ticket.
# Needs: the .NET SDK, etcd (apt-get install etcd-server) and python3 (for JSON and statistics).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${KILLS:-10}"
steady="${STEADY_SECONDS:-60}"
state="$(mktemp -d /tmp/operator-bench-detect.XXXXXX)"
op() { "$root/operator" --state-dir "$state" "$@"; }
mon=""

cleanup() {
  [ -n "$mon" ] && kill "$mon" 2>/dev/null && wait "$mon" 2>/dev/null || true
  pkill -f -- "--state-dir $state monitor" 2>/dev/null || true
  op cluster down --purge >/dev/null 2>&1 || true
  [ -n "${KEEP_STATE:-}" ] && echo "state kept in $state" >&2 || rm -rf "$state"
}
trap cleanup EXIT

wait_for() { # wait_for SECONDS python-expression-over-tickets  → prints the matching ticket JSON
  local deadline=$((SECONDS + $1)) expr="$2" out
  while [ $SECONDS -lt $deadline ]; do
    out="$(op tickets list --status all --json | python3 -c "
import json,sys
ts=json.load(sys.stdin)
m=[t for t in ts if $expr]
print(json.dumps(m[0]) if m else '')")"
    [ -n "$out" ] && { echo "$out"; return 0; }
    sleep 0.2
  done
  return 1
}

"$root/operator" --help >/dev/null   # build once before timing anything
# The kills are deliberate and repeated on the same nodes; with flap detection on, the third kill of a node
# would reopen its earlier ticket (as designed) instead of opening a fresh one. Measure detection alone.
echo '{ "tickets": { "flap_threshold": 0 } }' >"$state/config.json"
op cluster up >/dev/null

run_kills() { # run_kills LABEL [monitor flags...]
  local label="$1"; shift
  # Not through op(): a backgrounded shell function would leave $! pointing at a subshell, not the monitor.
  "$root/operator" --state-dir "$state" monitor run --interval 0.5 "$@" >"$state/monitor-$label.log" 2>&1 &
  mon=$!
  sleep 3
  local detects=() i kill_json node at ticket ms id
  for i in $(seq 1 "$kills"); do
    kill_json="$(op chaos kill random --json)"
    node="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["node"])' "$kill_json")"
    at="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["at"])' "$kill_json")"
    ticket="$(wait_for 15 "t['invariant']=='member_down' and t['node']=='$node' and t['firstSeenAt']>='$at'")" \
      || { echo "$label kill $i: no member_down ticket for $node within 15 s" >&2; tail -n 20 "$state/monitor-$label.log" >&2; exit 1; }
    ms="$(python3 -c '
import json,sys
from datetime import datetime
t=json.loads(sys.argv[1]); p=lambda s: datetime.strptime(s,"%Y-%m-%dT%H:%M:%S.%fZ")
print(round((p(t["firstSeenAt"])-p(sys.argv[2])).total_seconds()*1000,1))' "$ticket" "$at")"
    id="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$ticket")"
    echo "$label kill $i: $node detected in ${ms} ms (ticket #$id)"
    detects+=("$ms")
    op chaos restart "$node" >/dev/null
    wait_for 20 "t['id']==$id and t['status']=='resolved'" >/dev/null \
      || { echo "$label kill $i: ticket #$id did not auto-resolve within 20 s" >&2; exit 1; }
    sleep 1
  done
  python3 - "$label" "${detects[@]}" <<'PY'
import statistics, sys
label, v = sys.argv[1], sorted(float(x) for x in sys.argv[2:])
print(f"time-to-detect ({label}, --interval 0.5) over {len(v)} kills: min {v[0]:.1f} ms, median {statistics.median(v):.1f} ms, max {v[-1]:.1f} ms")
PY
  kill "$mon"; wait "$mon" 2>/dev/null || true; mon=""
}

run_kills "watch"
run_kills "poll-only" --no-watch

"$root/operator" --state-dir "$state" monitor run --interval 1 >"$state/monitor-steady.log" 2>&1 &
mon=$!
sleep "${WARMUP_SECONDS:-20}"   # let startup (JIT tiering, first connections) pass; measure steady state only
pid="$mon"   # the launcher execs dotnet, so this is the monitor itself
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
t0="$(ticks "$pid")"; s0="$(date +%s.%N)"
sleep "$steady"
t1="$(ticks "$pid")"; s1="$(date +%s.%N)"
hwm="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
rss="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
pss="$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")"
python3 - "$t0" "$t1" "$s0" "$s1" "$hz" "$hwm" "$rss" "$pss" "$steady" <<'PY'
import sys
t0, t1, s0, s1, hz, hwm, rss, pss, steady = sys.argv[1:]
cpu = (int(t1) - int(t0)) / int(hz) / (float(s1) - float(s0)) * 100
print(f"monitor steady state over {steady} s at --interval 1: peak RSS {int(hwm)/1024:.1f} MB (current {int(rss)/1024:.1f} MB, PSS {int(pss)/1024:.1f} MB), CPU {cpu:.2f} % of one core")
PY
