#!/usr/bin/env bash
# bench/diagnose.sh — time from ticket to stored diagnosis with the rules engine (issue 3).
#
# Starts a fresh 3-member cluster, `monitor run --interval 0.5` and `agent start --interval 0.5 --engine rules`
# in a temp state dir, kills a random member KILLS times (default 10; restarted in between, flap detection off),
# and reports, per kill:
#   time-to-diagnose = diagnosis.createdAt − ticket.firstSeenAt   (goal: median ≤ 0.5 s)
#   engine latency   = diagnosis.latencyMs                         (goal: ≤ 50 ms)
# plus whether the diagnosed cause was process_crashed (the injected fault).
# Needs: the .NET SDK, etcd (apt-get install etcd-server) and python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${KILLS:-10}"
state="$(mktemp -d /tmp/operator-bench-diagnose.XXXXXX)"
op() { "$root/operator" --state-dir "$state" "$@"; }
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  op cluster down --purge >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT

ticket_where() { # ticket_where SECONDS python-condition → first matching ticket JSON
  local deadline=$((SECONDS + $1)) out
  while [ $SECONDS -lt $deadline ]; do
    out="$(op tickets list --status all --json | python3 -c "
import json,sys
m=[t for t in json.load(sys.stdin) if $2]
print(json.dumps(m[0]) if m else '')")"
    [ -n "$out" ] && { echo "$out"; return 0; }
    sleep 0.2
  done
  return 1
}

"$root/operator" --help >/dev/null
echo '{ "tickets": { "flap_threshold": 0 } }' >"$state/config.json"
op cluster up >/dev/null
# Started directly (not through op) so $! is the process itself: the launcher execs dotnet.
"$root/operator" --state-dir "$state" monitor run --interval 0.5 >"$state/monitor.log" 2>&1 & pids+=($!)
"$root/operator" --state-dir "$state" agent start --interval 0.5 --engine rules >"$state/agent.log" 2>&1 & pids+=($!)
sleep 3

rows=()
for i in $(seq 1 "$kills"); do
  kill_json="$(op chaos kill random --json)"
  node="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["node"])' "$kill_json")"
  at="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["at"])' "$kill_json")"
  t="$(ticket_where 20 "t['invariant']=='member_down' and t['node']=='$node' and t['firstSeenAt']>='$at' and t['diagnosis'] is not None")" \
    || { echo "kill $i: no diagnosed member_down ticket for $node within 20 s" >&2; tail -n 5 "$state/agent.log" >&2; exit 1; }
  row="$(python3 -c '
import json,sys
from datetime import datetime
t=json.loads(sys.argv[1]); d=t["diagnosis"]; p=lambda s: datetime.strptime(s,"%Y-%m-%dT%H:%M:%S.%fZ")
print(round((p(d["createdAt"])-p(t["firstSeenAt"])).total_seconds()*1000,1), round(d["latencyMs"],1), d["cause"], t["id"])' "$t")"
  read -r ms lat cause id <<<"$row"
  echo "kill $i: $node ticket #$id diagnosed $cause ${ms} ms after the ticket opened (engine ${lat} ms)"
  rows+=("$ms,$lat,$cause")
  op chaos restart "$node" >/dev/null
  ticket_where 20 "t['id']==$id and t['status']=='resolved'" >/dev/null || { echo "kill $i: ticket #$id did not resolve" >&2; exit 1; }
  sleep 1
done

python3 - "${rows[@]}" <<'PY'
import statistics, sys
rows = [r.split(",") for r in sys.argv[1:]]
ttd = sorted(float(r[0]) for r in rows); lat = sorted(float(r[1]) for r in rows)
right = sum(1 for r in rows if r[2] == "process_crashed")
print(f"time-to-diagnose over {len(rows)} kills (agent --interval 0.5): min {ttd[0]:.0f} ms, median {statistics.median(ttd):.0f} ms, max {ttd[-1]:.0f} ms")
print(f"rules engine latency: min {lat[0]:.1f} ms, median {statistics.median(lat):.1f} ms, max {lat[-1]:.1f} ms")
print(f"cause process_crashed in {right} of {len(rows)}")
PY
