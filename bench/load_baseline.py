#!/usr/bin/env python3
"""Baseline for bench/load.sh: the same 50/50 range/put mix as `operator load run --workload a`, from plain
Python threads over keep-alive HTTP connections (one per thread, thread i bound to member i mod N), against the
same etcd JSON gateway. Standard library only. Prints one JSON line: ops, opsPerSec, errors, p50Ms, p99Ms."""
import argparse
import base64
import http.client
import json
import random
import threading
import time
from urllib.parse import urlparse


def b64(text):
    return base64.b64encode(text.encode()).decode()


def worker(url, keys, value_b64, read_share, stop_at, out, seed):
    rng = random.Random(seed)
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=2)
    headers = {"Content-Type": "application/json"}
    latencies, errors = [], 0
    while True:
        start = time.perf_counter()
        if start >= stop_at:
            break
        key = keys[rng.randrange(len(keys))]
        if rng.random() < read_share:
            path, body = "/v3/kv/range", '{"key":"%s","serializable":false}' % key
        else:
            path, body = "/v3/kv/put", '{"key":"%s","value":"%s"}' % (key, value_b64)
        try:
            conn.request("POST", path, body, headers)
            resp = conn.getresponse()
            data = resp.read()
            ok = resp.status == 200 and b'"header"' in data
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=2)
        if ok:
            latencies.append(time.perf_counter() - start)
        else:
            errors += 1
    conn.close()
    out.append((latencies, errors))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoints", required=True, help="comma-separated client URLs")
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--duration", type=float, default=20)
    p.add_argument("--records", type=int, default=1000)
    p.add_argument("--value-size", type=int, default=100)
    p.add_argument("--read-share", type=float, default=0.5)
    p.add_argument("--prefix", default="/operator-load/")
    a = p.parse_args()
    urls = a.endpoints.split(",")
    keys = [b64("%suser%06d" % (a.prefix, i)) for i in range(a.records)]
    value_b64 = b64("x" * a.value_size)
    out = []
    begin = time.perf_counter()
    stop_at = begin + a.duration
    threads = [threading.Thread(target=worker, args=(urls[i % len(urls)], keys, value_b64, a.read_share, stop_at, out, i))
               for i in range(a.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - begin
    lat = sorted(x for l, _ in out for x in l)
    errors = sum(e for _, e in out)
    pct = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 3) if lat else None
    print(json.dumps({"ops": len(lat), "opsPerSec": round(len(lat) / elapsed, 1), "errors": errors,
                      "p50Ms": pct(0.50), "p99Ms": pct(0.99), "durationSeconds": round(elapsed, 3)}))


if __name__ == "__main__":
    main()
