using System.Globalization;
using Operator.FakeTikv.Http;
using Operator.FakeTikv.Tikv;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Pd;

/// <summary><c>/stores</c> (numeric <c>state=</c>, default Up+Offline), <c>/stores/check</c> (state names), <c>/store/{id}</c>.</summary>
internal sealed class PdStoreEndpoints(FakeClusterState state)
{
    private const string StorePrefix = "/store/";

    public HttpReply? TryHandle(string route, HttpRequest request)
    {
        if (route == "/stores")
        {
            return Stores(request.Query.GetAll("state"), request.Query.Has("state"));
        }

        if (route == "/stores/check")
        {
            return StoresCheck(request.Query.GetAll("state"));
        }

        if (route.StartsWith(StorePrefix, StringComparison.Ordinal) && !route[StorePrefix.Length..].Contains('/', StringComparison.Ordinal))
        {
            return Store(Uri.UnescapeDataString(route[StorePrefix.Length..]));
        }

        return null;
    }

    private FixedReply Stores(IReadOnlyList<string> states, bool filtered)
    {
        var accepted = new HashSet<MetaStoreState>();
        foreach (var text in states)
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return PdErrors.JsonString(500, PdErrors.ParseError("Atoi", text));
            }

            if (!Enum.IsDefined((MetaStoreState)number))
            {
                return PdErrors.JsonString(500, $"unknown StoreState: {number}");
            }

            accepted.Add((MetaStoreState)number);
        }

        if (!filtered)
        {
            accepted = [MetaStoreState.Up, MetaStoreState.Offline];
        }

        return StoresInfo(state.SnapshotStores().Where(s => accepted.Contains(s.MetaState)).ToList());
    }

    private FixedReply StoresCheck(IReadOnlyList<string> names)
    {
        var accepted = new HashSet<StoreStateName>();
        foreach (var name in names)
        {
            if (!StoreStateRule.TryParse(name, out var parsed))
            {
                return PdErrors.JsonString(400, $"unknown StoreState: {name}");
            }

            accepted.Add(parsed);
        }

        var stores = state.SnapshotStores();
        return StoresInfo(names.Count == 0 ? stores : stores.Where(s => accepted.Contains(s.StateName)).ToList());
    }

    private FixedReply Store(string idText)
    {
        if (!ulong.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return PdErrors.InvalidId("ParseUint", idText);
        }

        if (state.StoreById(id) is not { } store)
        {
            return PdErrors.JsonString(404, $"[PD:core:ErrStoreNotFound]store {id} not found");
        }

        var snapshot = store.Snapshot();
        return new FixedReply(200, PdJson.ContentType, PdJson.Indented(w => StoreJson.Write(w, snapshot)));
    }

    private static FixedReply StoresInfo(IReadOnlyList<StoreSnapshot> stores) =>
        new(200, PdJson.ContentType, PdJson.Indented(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", stores.Count);
            w.WriteStartArray("stores");
            foreach (var store in stores)
            {
                StoreJson.Write(w, store);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
}
