using System.Text.Json;

namespace Operator.FakeTikv.Regions;

/// <summary>
/// A region in PD's JSON, as its generated easyjson encoder writes it (field order, <c>epoch</c>/<c>peers</c>/
/// <c>down_peers</c>/<c>pending_peers</c> omitted when empty, <c>leader</c> always present, peers' <c>role</c> omitted
/// for voters), compact.
/// </summary>
public static class RegionJson
{
    /// <summary>The down_seconds a designated down peer reports: just past TiKV's 10 min max-peer-down-duration.</summary>
    public const long DesignatedDownSeconds = 615;

    public static void Write(Utf8JsonWriter json, RegionView region, RegionLayout layout, StoreConditions stores)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(stores);
        var i = region.Index;
        json.WriteStartObject();
        json.WriteNumber("id", region.Id);
        json.WriteString("start_key", RegionLayout.Hex(layout.StartKey(i)));
        json.WriteString("end_key", RegionLayout.Hex(layout.EndKey(i)));
        json.WriteStartObject("epoch");
        json.WriteNumber("conf_ver", layout.ConfVer(i) + (ulong)(region.PeerCount - layout.Replicas + 1));
        json.WriteNumber("version", layout.Version(i));
        json.WriteEndObject();
        json.WriteStartArray("peers");
        for (var r = 0; r < region.PeerCount; r++)
        {
            WritePeer(json, layout.PeerId(i, r), stores.IdOf(region.StoreOf(r)));
        }

        json.WriteEndArray();
        json.WritePropertyName("leader");
        if (region.LeaderReplica >= 0)
        {
            WritePeer(json, layout.PeerId(i, region.LeaderReplica), stores.IdOf(region.StoreOf(region.LeaderReplica)));
        }
        else
        {
            WriteNoLeader(json);
        }

        if (region.DownMask != 0)
        {
            json.WriteStartArray("down_peers");
            for (var r = 0; r < region.PeerCount; r++)
            {
                if (region.IsDown(r))
                {
                    var seconds = stores.DownSeconds(region.StoreOf(r));
                    json.WriteStartObject();
                    json.WritePropertyName("peer");
                    WritePeer(json, layout.PeerId(i, r), stores.IdOf(region.StoreOf(r)));
                    json.WriteNumber("down_seconds", seconds > 0 ? seconds : DesignatedDownSeconds);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        if (region.PendingMask != 0)
        {
            json.WriteStartArray("pending_peers");
            for (var r = 0; r < region.PeerCount; r++)
            {
                if (region.IsPending(r))
                {
                    WritePeer(json, layout.PeerId(i, r), stores.IdOf(region.StoreOf(r)));
                }
            }

            json.WriteEndArray();
        }

        var written = layout.WrittenBytes(i);
        var read = layout.ReadBytes(i);
        json.WriteNumber("cpu_usage", 0);
        json.WriteNumber("written_bytes", written);
        json.WriteNumber("read_bytes", read);
        json.WriteNumber("written_keys", written / 1024);
        json.WriteNumber("read_keys", read / 1024);
        json.WriteNumber("approximate_size", layout.ApproximateSizeMiB(i));
        json.WriteNumber("approximate_keys", layout.ApproximateKeys(i));
        json.WriteEndObject();
    }

    /// <summary>What PD answers for an id it does not know: a zeroed region (200, not 404).</summary>
    public static void WriteUnknown(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteNumber("id", 0);
        json.WriteString("start_key", "");
        json.WriteString("end_key", "");
        json.WritePropertyName("leader");
        WriteNoLeader(json);
        foreach (var name in (ReadOnlySpan<string>)["cpu_usage", "written_bytes", "read_bytes", "written_keys", "read_keys", "approximate_size", "approximate_keys"])
        {
            json.WriteNumber(name, 0);
        }

        json.WriteEndObject();
    }

    private static void WritePeer(Utf8JsonWriter json, ulong peerId, ulong storeId)
    {
        json.WriteStartObject();
        json.WriteString("role_name", "Voter");
        json.WriteNumber("id", peerId);
        json.WriteNumber("store_id", storeId);
        json.WriteEndObject();
    }

    private static void WriteNoLeader(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("role_name", "");
        json.WriteEndObject();
    }
}
