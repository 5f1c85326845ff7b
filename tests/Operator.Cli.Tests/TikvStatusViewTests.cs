using Operator.Core.Observing;
using Operator.TiKV;

namespace Operator.Cli.Tests;

/// <summary>The TiKV status text is a pure function of one observation.</summary>
public sealed class TikvStatusViewTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 25, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Renders_pd_members_then_stores_with_both_states_then_a_summary_and_warnings()
    {
        var o = new Observation(
            At,
            "tikv",
            [
                Pd("pd0", NodeState.Up, leader: false),
                Pd("pd1", NodeState.Up, leader: true),
                Pd("pd2", NodeState.Unresponsive, leader: false, error: "ping http://127.0.0.1:2579: no answer within 500 ms"),
                Store(1, NodeState.Up, "Up", disk: 0.254),
                Store(4, NodeState.Down, "Disconnected", disk: null, error: "get status from http://127.0.0.1:20181: connection refused"),
            ],
            new Dictionary<string, string>
            {
                [TikvReadings.PdLeader] = "pd1",
                [TikvReadings.TotalRegions] = "36",
                [TikvReadings.MissPeerRegions] = "0",
                [TikvReadings.DownPeerRegions] = "12",
            },
            ["Prometheus: query failed"],
            TimeSpan.FromMilliseconds(4));

        var text = TikvStatusView.Render(o);

        Assert.Equal(
            """
            PD MEMBER  STATE         CLIENT URL             ERROR
            pd0        up            http://127.0.0.1:2379
            pd1 *      up            http://127.0.0.1:2479
            pd2        unresponsive  http://127.0.0.1:2579  ping http://127.0.0.1:2579: no answer within 500 ms

            STORE   STATE  PD STATE      ADDRESS      STATUS ADDRESS   VERSION  REGIONS  LEADERS  DISK USED  ERROR
            store1  up     Up            tikv0:20160  127.0.0.1:20180  8.5.5    36       12       25.4%
            store4  down   Disconnected  tikv1:20160  127.0.0.1:20181  8.5.5    36       12       -          get status from http://127.0.0.1:20181: connection refused

            PD: 2/3 members up, leader pd1 (* marks the leader)
            stores: 1/2 up (STATE is our probe of the status server, PD STATE what PD reports)
            regions: 36 (down-peer 12)
            warning: Prometheus: query failed

            """.ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }

    private static NodeObservation Pd(string name, NodeState state, bool leader, string? error = null)
    {
        var port = 2379 + (100 * (name[^1] - '0'));
        return Node(name, TikvReadings.PdRole, $"http://127.0.0.1:{port}/", state, leader, error, new Dictionary<string, double>(), new Dictionary<string, string>());
    }

    private static NodeObservation Store(int id, NodeState state, string pdState, double? disk, string? error = null)
    {
        var index = id == 1 ? 0 : 1;
        var metrics = new Dictionary<string, double>
        {
            [TikvReadings.StoreId] = id,
            [TikvReadings.RegionCount] = 36,
            [TikvReadings.LeaderCount] = 12,
        };
        if (disk is { } d)
        {
            metrics[TikvReadings.DiskUsedRatio] = d;
        }

        var facts = new Dictionary<string, string>
        {
            [TikvReadings.Address] = $"tikv{index}:20160",
            [TikvReadings.StatusAddress] = $"127.0.0.1:{20180 + index}",
            [TikvReadings.PdStateName] = pdState,
            [TikvReadings.Version] = "8.5.5",
        };
        return Node($"store{id}", TikvReadings.TikvRole, $"http://127.0.0.1:{20180 + index}/status", state, false, error, metrics, facts);
    }

    private static NodeObservation Node(
        string name, string role, string address, NodeState state, bool leader, string? error, Dictionary<string, double> metrics, Dictionary<string, string> facts) =>
        new(name, role, address, state, leader, null, ProcessState.Unknown, error, metrics, facts, TimeSpan.FromMilliseconds(1), new Dictionary<string, HistogramSnapshot>());
}
