using System.Globalization;
using Operator.Core.Observing;

namespace Operator.TiKV.Tests.Invariants;

/// <summary>Builds TiKV observations for invariant and rule tests: PD members and stores with readings.</summary>
internal static class TikvObs
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public static NodeObservation Pd(string name, bool leader = false, NodeState state = NodeState.Up, string? error = null) =>
        new(name, TikvReadings.PdRole, $"http://127.0.0.1:2379/{name}", state, leader, null, ProcessState.Unknown,
            state == NodeState.Up ? null : error ?? $"get ping from http://127.0.0.1:2379/{name}: connection refused",
            new Dictionary<string, double>(), new Dictionary<string, string> { [TikvReadings.ClientUrl] = $"http://{name}:2379" },
            TimeSpan.FromMilliseconds(1), new Dictionary<string, HistogramSnapshot>());

    public static NodeObservation Store(
        int id,
        NodeState state = NodeState.Up,
        string pdState = "Up",
        double heartbeatAge = 3,
        Dictionary<string, double>? metrics = null,
        string? error = null)
    {
        var m = new Dictionary<string, double>
        {
            [TikvReadings.StoreId] = id,
            [TikvReadings.HeartbeatAgeSeconds] = heartbeatAge,
            [TikvReadings.LeaderCount] = 12,
            [TikvReadings.RegionCount] = 36,
        };
        foreach (var (k, v) in metrics ?? [])
        {
            m[k] = v;
        }

        var facts = new Dictionary<string, string>
        {
            [TikvReadings.Address] = $"tikv{id}:20160",
            [TikvReadings.StatusAddress] = $"127.0.0.1:{20180 + id}",
            [TikvReadings.PdStateName] = pdState,
        };
        return new NodeObservation($"store{id}", TikvReadings.TikvRole, $"http://127.0.0.1:{20180 + id}", state, false, null, ProcessState.Unknown,
            state == NodeState.Up ? null : error ?? $"get status from http://127.0.0.1:{20180 + id}: connection refused",
            m, facts, TimeSpan.FromMilliseconds(1), new Dictionary<string, HistogramSnapshot>());
    }

    public static Observation Of(DateTimeOffset at, IEnumerable<NodeObservation> nodes, Dictionary<string, string>? facts = null, IReadOnlyList<string>? errors = null)
    {
        var list = nodes.ToList();
        var f = new Dictionary<string, string>(facts ?? []);
        if (!f.ContainsKey(TikvReadings.PdLeader) && list.FirstOrDefault(n => n.Role == TikvReadings.PdRole && n.IsLeader && n.IsUp) is { } leader)
        {
            f[TikvReadings.PdLeader] = leader.Name;
        }

        f.TryAdd(TikvReadings.StoreCount, list.Count(n => n.Role == TikvReadings.TikvRole).ToString(CultureInfo.InvariantCulture));
        return new Observation(at, "tikv", list, f, errors ?? [], TimeSpan.FromMilliseconds(5));
    }

    public static Observation Healthy(DateTimeOffset? at = null, Dictionary<string, string>? facts = null) =>
        Of(at ?? T0, [Pd("pd0", leader: true), Pd("pd1"), Pd("pd2"), Store(1), Store(4), Store(5)], facts);
}
