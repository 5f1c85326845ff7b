using System.Globalization;
using Operator.Core.Faults;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Local;
using Operator.Etcd.Local.Network;
using FaultPlan = Operator.Core.Faults.FaultPlan;

namespace Operator.Etcd.Faults;

/// <summary>
/// A slow peer network: the fault proxy delays every byte to and from one member's peer port by a fixed amount each
/// way (its client port is untouched). Reverted by removing the delay.
/// </summary>
internal sealed class LatencyFault : IFault
{
    /// <summary>
    /// The one-way delay: a peer round trip of about 160 ms, well over the 100 ms peer_latency_high threshold (a
    /// healthy loopback round trip is about 1 ms) and under the monitor's default 300 ms probe deadline.
    /// </summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(80);

    private readonly EtcdFaultTargets _targets;
    private readonly TimeProvider _time;

    public LatencyFault(EtcdFaultTargets targets, TimeProvider time)
    {
        _targets = targets;
        _time = time;
    }

    public string Name => "latency";

    public string Description => $"delay one member's peer traffic by {Delay.TotalMilliseconds:0} ms each way through the fault proxy (client port untouched); revert removes the delay";

    public string Cause => EtcdCauses.NetworkLatency;

    public string Invariant => "peer_latency_high";

    public string? DefaultTarget => ChaosTarget.RandomKeyword;

    public async Task<FaultPlan> PlanAsync(string? target, CancellationToken cancellationToken)
    {
        PeerNetworkFaults.RequireProxy(_targets.Cluster, Name);
        var node = await _targets.ResolveAsync(target ?? ChaosTarget.RandomKeyword, cancellationToken).ConfigureAwait(false);
        return FaultPlan.For(Name, node, new Dictionary<string, string> { ["delay_ms"] = Delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) });
    }

    public async Task<DateTimeOffset> InjectAsync(FaultPlan plan, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(double.Parse(plan.Data["delay_ms"], CultureInfo.InvariantCulture));
        await PeerNetworkFaults.AddAsync(_targets.Cluster, NetworkFault.Delayed(plan.Node!, delay), cancellationToken).ConfigureAwait(false);
        return _time.GetUtcNow();
    }

    public Task RevertAsync(FaultPlan plan, CancellationToken cancellationToken) =>
        PeerNetworkFaults.RemoveAsync(_targets.Cluster, plan.Node!, cancellationToken);
}
