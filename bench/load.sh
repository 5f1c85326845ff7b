#!/usr/bin/env bash
# bench/load.sh — workload generator throughput against a baseline client (issue 4).
#
# Starts a fresh 3-member etcd cluster in a temp state dir and, ROUNDS times (default 3), runs for DURATION
# seconds each (default 20), in alternating order:
#   * ours:     operator load run --workload a --clients CLIENTS --json (default 16 clients)
#   * baseline: bench/load_baseline.py — CLIENTS Python threads, one keep-alive http.client connection each,
#               thread i bound to member i mod 3, the same 50/50 range/put mix (base64 JSON bodies to
#               /v3/kv/range and /v3/kv/put) over the same 1000 keys and 100-byte values.
# Both measure only their run (ours loads the records first; the baseline reuses them). Prints ops/s, p99 and
# client CPU per operation for each run, then the medians and the ratio ours/baseline (goal ≥ 1.0×: the
# generator must not be the bottleneck). Client CPU counts ours from its start line (after start-up and the load
# phase) and the whole baseline process. Each round's pair runs back to back, so the median of the per-round
# ratios is the figure least disturbed by other work on the machine. A last round runs both at once. Needs: the
# .NET SDK, etcd, python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${ROUNDS:-3}"
duration="${DURATION:-20}"
clients="${CLIENTS:-16}"
state="$(mktemp -d /tmp/operator-bench-load.XXXXXX)"
op() { "$root/operator" --state-dir "$state" "$@"; }

cleanup() {
  op cluster down --purge >/dev/null 2>&1 || true
  [ -n "${KEEP_STATE:-}" ] && echo "state kept in $state" >&2 || rm -rf "$state"
}
trap cleanup EXIT

timed() { # timed OUTFILE CMD... → runs CMD with stdout to OUTFILE and its CPU seconds (user+sys) to OUTFILE.cpu
  # For ours, only the CPU spent from the "start" line on counts (start-up, JIT and the load phase happen before).
  python3 - "$@" <<'PY'
import json, os, subprocess, sys
out, cmd = sys.argv[1], sys.argv[2:]
def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])
hz = os.sysconf("SC_CLK_TCK")
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
at_start = 0
with open(out, "w") as f:
    for line in p.stdout:
        f.write(line)
        if line.startswith('{"type":"start"'):
            at_start = ticks(p.pid) / hz
_, _, usage = os.wait4(p.pid, 0)
with open(out + ".cpu", "w") as f:
    f.write(str(usage.ru_utime + usage.ru_stime - at_start))
PY
}

"$root/operator" --help >/dev/null   # build once before timing anything
op cluster up >/dev/null
endpoints="$(op cluster status --json | python3 -c 'import json,sys; print(",".join(n["clientUrl"] for n in json.load(sys.stdin)["nodes"]))')"
echo "cluster: $endpoints; $clients clients, ${duration}s per run, $rounds rounds, $(nproc) cores"
# Warm-up: loads the 1000 records the baseline reads too, and lets etcd settle after start.
op load run --workload a --clients "$clients" --duration 3s --json >/dev/null

run_ours() {
  timed "$state/ours-$1.jsonl" "$root/operator" --state-dir "$state" load run --workload a --clients "$clients" --duration "${duration}s" --json
  python3 - "$state/ours-$1.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
s = [l for l in lines if l["type"] == "summary"][0]
cpu = float(open(sys.argv[1] + ".cpu").read())
print(json.dumps({"ops": s["ops"], "opsPerSec": s["opsPerSec"], "p99Ms": s["p99Ms"], "errors": s["errors"], "cpu": cpu}))
PY
}

run_baseline() {
  timed "$state/baseline-$1.json" python3 "$root/bench/load_baseline.py" --endpoints "$endpoints" --threads "$clients" --duration "$duration"
  python3 - "$state/baseline-$1.json" <<'PY'
import json, sys
b = json.loads(open(sys.argv[1]).read())
b["cpu"] = float(open(sys.argv[1] + ".cpu").read())
print(json.dumps(b))
PY
}

results="$state/results.txt"
: >"$results"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order="ours baseline"; else order="baseline ours"; fi
  for who in $order; do
    line="$(run_"$who" "$round")"
    echo "$who $line" >>"$results"
    python3 - "$who" "$round" "$line" <<'PY'
import json, sys
who, rnd, r = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
per_op = f", client CPU {r['cpu'] / r['ops'] * 1e6:.0f} µs/op"
print(f"round {rnd} {who:8s}: {r['opsPerSec']:8.1f} ops/s, p99 {r['p99Ms']:.2f} ms, errors {r['errors']}{per_op}")
PY
  done
done

# One more round with both at once: each gets 16 clients on the same members under exactly the same background
# load; a client that adds delay of its own gets fewer operations through.
run_ours together >"$state/together-ours.json" &
ours_pid=$!
run_baseline together >"$state/together-baseline.json"
wait "$ours_pid"
python3 - "$state/together-ours.json" "$state/together-baseline.json" <<'PY'
import json, sys
o, b = (json.loads(open(f).read()) for f in sys.argv[1:3])
print(f"together: ours {o['opsPerSec']:.1f} ops/s (p99 {o['p99Ms']:.2f} ms), baseline {b['opsPerSec']:.1f} ops/s (p99 {b['p99Ms']:.2f} ms); "
      f"ratio {o['opsPerSec'] / b['opsPerSec']:.2f}x")
PY

python3 - "$results" <<'PY'
import json, os, statistics, sys
runs = {"ours": [], "baseline": []}
for line in open(sys.argv[1]):
    who, data = line.split(" ", 1)
    runs[who].append(json.loads(data))
med = lambda who, k: statistics.median(r[k] for r in runs[who])
ratios = [x["opsPerSec"] / y["opsPerSec"] for x, y in zip(runs["ours"], runs["baseline"])]
cpu = lambda who: statistics.median(r["cpu"] / r["ops"] * 1e6 for r in runs[who])
print(f"median ours {med('ours', 'opsPerSec'):.1f} ops/s (p99 {med('ours', 'p99Ms'):.2f} ms, client CPU {cpu('ours'):.0f} µs/op), "
      f"baseline {med('baseline', 'opsPerSec'):.1f} ops/s (p99 {med('baseline', 'p99Ms'):.2f} ms, client CPU {cpu('baseline'):.0f} µs/op)")
print(f"ratio ours/baseline: median of rounds {statistics.median(ratios):.2f}x (per round: {', '.join('%.2f' % r for r in ratios)}); "
      f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
PY
