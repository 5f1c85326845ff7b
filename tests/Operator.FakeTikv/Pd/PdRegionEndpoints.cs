using System.Globalization;
using System.Text;
using System.Text.Json;
using Operator.FakeTikv.Http;
using Operator.FakeTikv.Regions;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Pd;

/// <summary>
/// Region endpoints. Lists are compact easyjson sent with <c>render.Data</c> (<c>application/octet-stream</c>, no
/// trailing newline) and streamed as they are generated — <c>/regions</c> on a million regions is hundreds of
/// megabytes, as on a real cluster. <c>/regions/count</c> is ordinary indented JSON.
/// </summary>
internal sealed class PdRegionEndpoints(FakeClusterState state)
{
    private const string CheckPrefix = "/regions/check/";
    private const string RegionIdPrefix = "/region/id/";
    private const string RegionKeyPrefix = "/region/key/";
    private const string StoreRegionsPrefix = "/regions/store/";
    private const int DefaultScanLimit = 16;
    private const int MaxScanLimit = 10240;

    // Checks PD serves that never list anything here: no learners, and region sizes stay within merge and split bounds.
    private static readonly string[] AlwaysEmptyChecks = ["learner-peer", "empty-region", "oversized-region", "undersized-region"];

    private RegionCatalog Regions => state.Regions;

    public HttpReply? TryHandle(string route, HttpRequest request)
    {
        if (route == "/regions")
        {
            var stores = Conditions();
            return List(Regions.Count, Regions.All(stores), stores);
        }

        if (route == "/regions/count")
        {
            return new FixedReply(200, PdJson.ContentType, PdJson.Indented(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("count", Regions.Count);
                w.WriteNull("regions");
                w.WriteEndObject();
            }));
        }

        if (route.StartsWith(CheckPrefix, StringComparison.Ordinal))
        {
            return Check(route[CheckPrefix.Length..]);
        }

        if (route.StartsWith(RegionIdPrefix, StringComparison.Ordinal))
        {
            return RegionById(Uri.UnescapeDataString(route[RegionIdPrefix.Length..]));
        }

        if (route.StartsWith(RegionKeyPrefix, StringComparison.Ordinal))
        {
            return RegionByKey(route[RegionKeyPrefix.Length..], request.Query.Get("format"));
        }

        if (route == "/regions/key")
        {
            return Scan(request.Query);
        }

        if (route.StartsWith(StoreRegionsPrefix, StringComparison.Ordinal))
        {
            return StoreRegions(route[StoreRegionsPrefix.Length..]);
        }

        return null;
    }

    private StoreConditions Conditions() => new(state.SnapshotStores());

    private HttpReply? Check(string type)
    {
        if (RegionCheckNames.TryParse(type, out var check))
        {
            var stores = Conditions();
            return List(Regions.CountFailing(check, stores), Regions.Failing(check, stores), stores);
        }

        return AlwaysEmptyChecks.Contains(type) ? List(0, [], Conditions()) : null;
    }

    private FixedReply RegionById(string idText)
    {
        if (!ulong.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return PdErrors.JsonString(400, PdErrors.ParseError("ParseUint", idText));
        }

        return Regions.Layout.TryIndexOf(id, out var index) ? One(index) : Unknown();
    }

    private FixedReply RegionByKey(string encodedKey, string? format)
    {
        var key = Uri.UnescapeDataString(encodedKey);
        return TryDecodeKey(key, format, out var raw, out var error)
            ? One(Regions.Layout.IndexContaining(raw))
            : PdErrors.JsonString(400, error);
    }

    private HttpReply Scan(QueryParameters query)
    {
        if (!TryDecodeKey(query.Get("key") ?? "", query.Get("format"), out var start, out var error)
            || !TryDecodeKey(query.Get("end_key") ?? "", query.Get("format"), out var end, out error))
        {
            return PdErrors.JsonString(400, error);
        }

        var limit = DefaultScanLimit;
        if (query.Get("limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
            {
                return PdErrors.JsonString(400, PdErrors.ParseError("Atoi", limitText));
            }

            limit = limit <= 0 ? int.MaxValue : Math.Min(limit, MaxScanLimit);
        }

        var layout = Regions.Layout;
        var first = layout.IndexContaining(start);
        var stop = layout.Count;
        if (end.Length > 0)
        {
            // Regions starting at or after end_key are out of range.
            var containing = layout.IndexContaining(end);
            stop = layout.StartKey(containing).AsSpan().SequenceEqual(end) ? containing : containing + 1;
        }

        var count = (int)Math.Min(Math.Max(0, stop - first), limit);
        var stores = Conditions();
        return List(count, Range(first, count).Select(i => Regions.View(i, stores)), stores);
    }

    private HttpReply StoreRegions(string idText)
    {
        if (!int.TryParse(idText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return PdErrors.JsonString(400, PdErrors.ParseError("Atoi", idText));
        }

        var stores = Conditions();
        var storeIndex = state.StoreById((ulong)id)?.Index ?? -1;
        bool OnStore(RegionView r) => Enumerable.Range(0, r.PeerCount).Any(p => r.StoreOf(p) == storeIndex);
        return List(Regions.All(stores).LongCount(OnStore), Regions.All(stores).Where(OnStore), stores);
    }

    private FixedReply One(long index)
    {
        var stores = Conditions();
        var region = Regions.View(index, stores);
        return new FixedReply(200, PdJson.BinaryContentType, PdJson.Compact(w => RegionJson.Write(w, region, Regions.Layout, stores)));
    }

    private static FixedReply Unknown() => new(200, PdJson.BinaryContentType, PdJson.Compact(RegionJson.WriteUnknown));

    private StreamedReply List(long count, IEnumerable<RegionView> regions, StoreConditions stores) =>
        new(200, PdJson.BinaryContentType, async (body, cancellationToken) =>
        {
            using var json = new Utf8JsonWriter(body.Buffer, PdJson.CompactOptions);
            json.WriteStartObject();
            json.WriteNumber("count", count);
            json.WriteStartArray("regions");
            foreach (var region in regions)
            {
                RegionJson.Write(json, region, Regions.Layout, stores);
                if (json.BytesPending >= 16 * 1024)
                {
                    json.Flush();
                    await body.FlushIfLargeAsync(cancellationToken);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
        });

    private static IEnumerable<long> Range(long first, int count)
    {
        for (var i = 0L; i < count; i++)
        {
            yield return first + i;
        }
    }

    private static bool TryDecodeKey(string key, string? format, out byte[] raw, out string error)
    {
        error = "";
        if (format != "hex")
        {
            raw = Encoding.UTF8.GetBytes(key);
            return true;
        }

        try
        {
            raw = Convert.FromHexString(key);
            return true;
        }
        catch (FormatException)
        {
            raw = [];
            error = "encoding/hex: invalid byte in " + key;
            return false;
        }
    }
}
