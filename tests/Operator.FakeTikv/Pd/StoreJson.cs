using System.Text.Json;
using Operator.FakeTikv.Tikv;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Pd;

/// <summary>
/// A store as PD's <c>StoreInfo</c>: <c>store</c> (metapb.Store flattened — zero values omitted, enums as integers —
/// plus <c>state_name</c>) and <c>status</c> (size strings, counts, scores, RFC 3339 times, Go durations).
/// </summary>
internal static class StoreJson
{
    public const string Version = "8.5.5";
    public const string GitHash = "3f1f3c1c2e9e5c08b7b0f8f0e4ec4c5d4bcd1a7e";

    public static void Write(Utf8JsonWriter json, StoreSnapshot store)
    {
        json.WriteStartObject();
        json.WriteStartObject("store");
        json.WriteNumber("id", store.Id);
        json.WriteString("address", store.Address);
        if (store.MetaState != MetaStoreState.Up)
        {
            json.WriteNumber("state", (int)store.MetaState);
        }

        json.WriteString("version", Version);
        json.WriteString("peer_address", store.Address);
        json.WriteString("status_address", store.StatusAddress);
        json.WriteString("git_hash", GitHash);
        json.WriteNumber("start_timestamp", GoTime.UnixSeconds(store.StartedAt));
        json.WriteString("deploy_path", "/");
        json.WriteNumber("last_heartbeat", GoTime.UnixNanoseconds(store.LastHeartbeat));
        json.WriteNumber("node_state", StoreStateRule.NodeState(store.MetaState));
        json.WriteString("state_name", store.StateName.ToString());
        json.WriteEndObject();

        var status = store.Status;
        json.WriteStartObject("status");
        json.WriteString("capacity", GoUnits.BytesSize(status.CapacityBytes));
        json.WriteString("available", GoUnits.BytesSize(status.AvailableBytes));
        json.WriteString("used_size", GoUnits.BytesSize(status.UsedBytes));
        json.WriteNumber("leader_count", status.LeaderCount);
        json.WriteNumber("leader_weight", status.LeaderWeight);
        json.WriteNumber("leader_score", status.LeaderWeight > 0 ? status.LeaderCount / status.LeaderWeight : status.LeaderCount);
        json.WriteNumber("leader_size", status.LeaderSizeMiB);
        json.WriteNumber("region_count", status.RegionCount);
        json.WriteNumber("region_weight", status.RegionWeight);
        json.WriteNumber("region_score", RegionScore(status));
        json.WriteNumber("region_size", status.RegionSizeMiB);
        WriteIfNonZero(json, "pending_peer_count", status.PendingPeerCount);
        WriteIfNonZero(json, "slow_score", status.SlowScore);
        WriteIfNonZero(json, "sending_snap_count", status.SendingSnapCount);
        WriteIfNonZero(json, "receiving_snap_count", status.ReceivingSnapCount);
        if (status.IsBusy)
        {
            json.WriteBoolean("is_busy", true);
        }

        // PD keeps the start time in whole seconds, and uptime is last heartbeat minus start.
        var start = GoTime.TruncateToSeconds(store.StartedAt);
        json.WriteString("start_ts", GoTime.Rfc3339Nano(start));
        json.WriteString("last_heartbeat_ts", GoTime.Rfc3339Nano(store.LastHeartbeat));
        if (store.LastHeartbeat > start)
        {
            json.WriteString("uptime", GoDuration.Format(store.LastHeartbeat - start));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    // PD's v2 formula is elaborate; with plenty of free space it comes down to region size over weight, plus a little.
    private static double RegionScore(StoreStatusValues status) =>
        Math.Round(status.RegionSizeMiB / Math.Max(status.RegionWeight, 1e-6) * 1.0001, 2);

    private static void WriteIfNonZero(Utf8JsonWriter json, string name, int value)
    {
        if (value != 0)
        {
            json.WriteNumber(name, value);
        }
    }
}
