using System.Globalization;
using System.Text.Json;
using Operator.FakeTikv.Http;
using Operator.FakeTikv.Regions;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Pd;

/// <summary><c>/cluster</c>, <c>/cluster/status</c>, <c>/config/schedule</c>, <c>/config/replicate</c> and <c>/stats/region</c>.</summary>
internal sealed class PdClusterEndpoints(FakeClusterState state)
{
    public HttpReply? TryHandle(string route, HttpRequest request) => route switch
    {
        "/cluster" => Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", state.ClusterId);
            w.WriteNumber("max_peer_count", state.Regions.Layout.Replicas);
            w.WriteEndObject();
        }),
        "/cluster/status" => Json(w =>
        {
            w.WriteStartObject();
            if (state.Bootstrapped)
            {
                w.WriteString("raft_bootstrap_time", GoTime.Rfc3339Nano(state.BootstrapTime));
            }

            w.WriteBoolean("is_initialized", state.Bootstrapped);
            w.WriteString("replication_status", "");
            w.WriteEndObject();
        }),
        "/config/schedule" => Json(Schedule),
        "/config/replicate" => Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("max-replicas", state.Regions.Layout.Replicas);
            w.WriteString("location-labels", "");
            w.WriteString("strictly-match-label", "false");
            w.WriteString("enable-placement-rules", "true");
            w.WriteString("enable-placement-rules-cache", "false");
            w.WriteString("isolation-level", "");
            w.WriteEndObject();
        }),
        "/stats/region" => RegionStats(request),
        _ => null,
    };

    private void Schedule(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("max-snapshot-count", 64);
        w.WriteNumber("max-pending-peer-count", 64);
        w.WriteNumber("max-merge-region-size", 54);
        w.WriteNumber("max-merge-region-keys", 540000);
        w.WriteString("split-merge-interval", "1h0m0s");
        w.WriteString("switch-witness-interval", "1h0m0s");
        w.WriteString("enable-one-way-merge", "false");
        w.WriteString("enable-cross-table-merge", "true");
        w.WriteString("patrol-region-interval", "10ms");
        w.WriteString("max-store-down-time", GoDuration.Format(state.MaxStoreDownTime));
        w.WriteString("max-store-preparing-time", "48h0m0s");
        w.WriteNumber("leader-schedule-limit", 4);
        w.WriteString("leader-schedule-policy", "count");
        w.WriteNumber("region-schedule-limit", 2048);
        w.WriteNumber("witness-schedule-limit", 4);
        w.WriteNumber("replica-schedule-limit", 64);
        w.WriteNumber("merge-schedule-limit", 8);
        w.WriteNumber("hot-region-schedule-limit", 4);
        w.WriteNumber("hot-region-cache-hits-threshold", 3);
        w.WriteStartObject("store-limit");
        foreach (var store in state.Stores)
        {
            w.WriteStartObject(store.Id.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("add-peer", 15);
            w.WriteNumber("remove-peer", 15);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteNumber("tolerant-size-ratio", 0);
        w.WriteNumber("low-space-ratio", 0.8);
        w.WriteNumber("high-space-ratio", 0.7);
        w.WriteString("region-score-formula-version", "v2");
        w.WriteNumber("scheduler-max-waiting-operator", 5);
        foreach (var flag in (ReadOnlySpan<string>)["enable-remove-down-replica", "enable-replace-offline-replica", "enable-make-up-replica", "enable-remove-extra-replica", "enable-location-replacement"])
        {
            w.WriteString(flag, "true");
        }

        w.WriteString("enable-debug-metrics", "false");
        w.WriteString("enable-joint-consensus", "true");
        w.WriteString("enable-tikv-split-region", "true");
        w.WriteStartArray("schedulers-v2");
        foreach (var scheduler in (ReadOnlySpan<string>)["balance-region", "balance-leader", "hot-region", "evict-slow-store", "evict-stopping-store"])
        {
            w.WriteStartObject();
            w.WriteString("type", scheduler);
            w.WriteNull("args");
            w.WriteBoolean("disable", false);
            w.WriteString("args-payload", "");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("hot-regions-write-interval", "10m0s");
        w.WriteNumber("hot-regions-reserved-days", 7);
        w.WriteString("enable-diagnostic", "true");
        w.WriteString("enable-witness", "false");
        w.WriteString("store-limit-version", "v1");
        w.WriteNumber("patrol-region-worker-count", 1);
        w.WriteEndObject();
    }

    // Whole key space only (start_key/end_key are accepted but the statistics always cover every region). O(regions).
    private FixedReply RegionStats(HttpRequest request)
    {
        var layout = state.Regions.Layout;
        var stores = new StoreConditions(state.SnapshotStores());
        var (regions, leaders, regionSizes, leaderSizes) = state.Regions.PerStoreTotals(stores);
        long storageSize = 0, storageKeys = 0;
        for (var i = 0L; i < layout.Count; i++)
        {
            storageSize += layout.ApproximateSizeMiB(i);
            storageKeys += layout.ApproximateKeys(i);
        }

        var countOnly = request.Query.Has("count");
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", layout.Count);
            w.WriteNumber("empty_count", 0);
            w.WriteNumber("storage_size", countOnly ? 0 : storageSize);
            w.WriteNumber("user_storage_size", countOnly ? 0 : storageSize * 15 / 16);
            w.WriteNumber("storage_keys", countOnly ? 0 : storageKeys);
            if (!countOnly)
            {
                var keysPerMiB = storageSize == 0 ? 0 : storageKeys / (double)storageSize;
                PerStore(w, "store_leader_count", i => leaders[i]);
                PerStore(w, "store_peer_count", i => regions[i]);
                PerStore(w, "store_leader_size", i => leaderSizes[i]);
                PerStore(w, "store_leader_keys", i => (long)(leaderSizes[i] * keysPerMiB));
                PerStore(w, "store_peer_size", i => regionSizes[i]);
                PerStore(w, "store_peer_keys", i => (long)(regionSizes[i] * keysPerMiB));
            }

            w.WriteEndObject();
        });
    }

    private void PerStore(Utf8JsonWriter w, string name, Func<int, long> value)
    {
        w.WriteStartObject(name);
        foreach (var store in state.Stores)
        {
            w.WriteNumber(store.Id.ToString(CultureInfo.InvariantCulture), value(store.Index));
        }

        w.WriteEndObject();
    }

    private static FixedReply Json(Action<Utf8JsonWriter> write) => new(200, PdJson.ContentType, PdJson.Indented(write));
}
