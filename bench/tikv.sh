#!/usr/bin/env bash
# bench/tikv.sh — the TiKV subject against the fake PD, status servers and Prometheus (issue 5).
#
# 1. Time-to-detect a killed store: the fake cluster (3 PD, 3 stores) and `monitor run --subject tikv
#    --interval 0.5`; KILLS times (default 10) one store's status server is stopped (`kill-store`; PD keeps
#    saying Up for 10–20 s, as real PD does), and time-to-detect = ticket firstSeenAt − the moment the kill
#    command was sent to the fake (an upper bound: the port closes a little after); the store is restarted and its ticket must auto-resolve before the next kill.
#    Goal: ≤ 1.5 s.
# 2. One monitor cycle over 1,000 stores and 1,000,000 regions (37 missing a peer): `monitor run --subject tikv
#    --interval 1` for CYCLES cycles (default 40, past region_miss_peer's 30 s grace); reports the first cycle, the median and max of the rest (the
#    duration each heartbeat line prints), and the monitor's peak RSS (VmHWM). Goal: ≤ 0.5 s and ≤ 150 MB.
#
# The fake is built in Release into a temp folder; flap detection is off so every kill opens its own ticket.
# Needs: the .NET SDK and python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${KILLS:-10}"
cycles="${CYCLES:-40}"
work="$(mktemp -d /tmp/operator-bench-tikv.XXXXXX)"
state="$work/state"
mkdir -p "$state"
mon=""
fake=""
holder=""

cleanup() {
  [ -n "$mon" ] && kill "$mon" 2>/dev/null && wait "$mon" 2>/dev/null || true
  [ -n "$fake" ] && kill "$fake" 2>/dev/null && wait "$fake" 2>/dev/null || true
  [ -n "$holder" ] && kill "$holder" 2>/dev/null || true
  [ -n "${KEEP_STATE:-}" ] && echo "state kept in $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

op() { "$root/operator" --state-dir "$state" "$@"; }

echo "building the fake TiKV cluster (Release)…" >&2
dotnet build "$root/tests/Operator.FakeTikv/Operator.FakeTikv.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly \
  -o "$work/fake" >/dev/null
"$root/operator" --help >/dev/null   # build the CLI once before timing anything
echo '{ "tickets": { "flap_threshold": 0 } }' >"$state/config.json"

start_fake() { # start_fake ARGS… — the fake reads commands from $work/in; its answers go to $work/out
  rm -f "$work/in" "$work/out"
  mkfifo "$work/in"
  dotnet "$work/fake/Operator.FakeTikv.dll" "$@" <"$work/in" >"$work/out" 2>"$work/fake.err" &
  fake=$!
  sleep infinity >"$work/in" &   # keeps the fifo open for writing between commands
  holder=$!
  local deadline=$((SECONDS + 60))
  until [ -s "$work/out" ]; do
    [ $SECONDS -lt $deadline ] || { echo "the fake did not start: $(cat "$work/fake.err")" >&2; exit 1; }
    sleep 0.1
  done
  pd="$(head -n 1 "$work/out" | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["pd"]))')"
  prom="$(head -n 1 "$work/out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["prometheus"])')"
}

stop_fake() {
  kill "$holder" 2>/dev/null || true; holder=""
  wait "$fake" 2>/dev/null || true; fake=""
}

now_utc() { python3 -c 'from datetime import datetime, timezone; print(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))'; }

command_fake() { # command_fake LINE — sends one command and waits for its answer; prints the UTC time it was sent
  local before sent
  before="$(wc -l <"$work/out")"
  sent="$(now_utc)"
  echo "$1" >"$work/in"
  until [ "$(wc -l <"$work/out")" -gt "$before" ]; do sleep 0.005; done
  tail -n 1 "$work/out" | grep -q '^ok' || { echo "the fake refused '$1': $(tail -n 1 "$work/out")" >&2; exit 1; }
  echo "$sent"
}

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

# 1. Time-to-detect a killed store.
start_fake --stores 3
"$root/operator" --state-dir "$state" monitor run --subject tikv --pd "$pd" --prometheus "$prom" --interval 0.5 \
  >"$state/monitor-detect.log" 2>&1 &
mon=$!
sleep 3
detects=()
stores=(1 4 5)
for i in $(seq 1 "$kills"); do
  store="${stores[$(( (i - 1) % 3 ))]}"
  at="$(command_fake "kill-store $store")"
  ticket="$(wait_for 15 "t['invariant']=='store_down' and t['node']=='store$store' and t['firstSeenAt']>='$at'")" \
    || { echo "kill $i (at $at): no store_down ticket for store$store within 15 s" >&2; tail -n 20 "$state/monitor-detect.log" >&2; exit 1; }
  ms="$(python3 -c '
import json,sys
from datetime import datetime
t=json.loads(sys.argv[1]); p=lambda s: datetime.strptime(s,"%Y-%m-%dT%H:%M:%S.%fZ")
print(round((p(t["firstSeenAt"])-p(sys.argv[2])).total_seconds()*1000,1))' "$ticket" "$at")"
  id="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$ticket")"
  echo "kill $i: store$store detected in ${ms} ms (ticket #$id)"
  detects+=("$ms")
  command_fake "restart-store $store" >/dev/null
  wait_for 20 "t['id']==$id and t['status']=='resolved'" >/dev/null \
    || { echo "kill $i: ticket #$id did not auto-resolve within 20 s" >&2; exit 1; }
  sleep 1
done
python3 - "${detects[@]}" <<'PY'
import statistics, sys
v = sorted(float(x) for x in sys.argv[1:])
print(f"time-to-detect a killed store (--interval 0.5) over {len(v)} kills: min {v[0]:.1f} ms, median {statistics.median(v):.1f} ms, max {v[-1]:.1f} ms")
PY
kill "$mon"; wait "$mon" 2>/dev/null || true; mon=""
stop_fake

# 2. One cycle over 1,000 stores and 1,000,000 regions.
start_fake --stores 1000 --regions 1000000 --miss-peer 37
"$root/operator" --state-dir "$state" monitor run --subject tikv --pd "$pd" --prometheus "$prom" --interval 1 \
  >"$state/monitor-large.log" 2>&1 &
mon=$!
deadline=$((SECONDS + cycles * 3 + 60))
until [ "$(grep -c ' cycle ' "$state/monitor-large.log" || true)" -ge "$cycles" ]; do
  [ $SECONDS -lt $deadline ] || { echo "the monitor did not run $cycles cycles" >&2; tail -n 20 "$state/monitor-large.log" >&2; exit 1; }
  kill -0 "$mon" 2>/dev/null || { echo "the monitor exited" >&2; tail -n 20 "$state/monitor-large.log" >&2; exit 1; }
  sleep 0.5
done
hwm="$(awk '/VmHWM/ {print $2}' "/proc/$mon/status")"
kill "$mon"; wait "$mon" 2>/dev/null || true; mon=""
grep -q 'OPENED .*region_miss_peer.*37 of 1000000 regions' "$state/monitor-large.log" || { echo "the monitor did not report the 37 miss-peer regions" >&2; exit 1; }
python3 - "$state/monitor-large.log" "$hwm" <<'PY'
import re, statistics, sys
lines = [l for l in open(sys.argv[1]) if " cycle " in l]
ms = [float(re.search(r"\| (\d+) ms", l).group(1)) for l in lines]
up = re.search(r"(\d+)/(\d+) up", lines[-1])
rest = sorted(ms[1:])
print(f"one cycle over 1,000 stores / 1,000,000 regions ({up.group(0)}; {len(ms)} cycles at --interval 1): "
      f"first {ms[0]:.0f} ms, then median {statistics.median(rest):.0f} ms, p90 {rest[int(0.9 * (len(rest) - 1))]:.0f} ms, max {rest[-1]:.0f} ms "
      f"({sum(1 for m in rest if m > 500)} of {len(rest)} over 500 ms); "
      f"monitor peak RSS {int(sys.argv[2])/1024:.1f} MB")
PY
grep 'OPENED\|RESOLVED\|WARNING' "$state/monitor-large.log" | cut -c1-200 | sed 's/^/  /'
