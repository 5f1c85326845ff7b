using Operator.Etcd.Local;

namespace Operator.Etcd.Faults;

/// <summary>Whether every member of a local cluster runs, answers, follows the same leader and reports /health true.</summary>
public static class LocalClusterHealth
{
    /// <summary>Null when healthy, else the first thing found wrong (one line).</summary>
    public static async Task<string?> ProblemAsync(LocalEtcdCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var spec = cluster.Spec();
        var nodes = cluster.Nodes();
        if (nodes.FirstOrDefault(n => !n.IsRunning) is { } stopped)
        {
            return $"{stopped.Name} is {(stopped.IsAlive ? "paused" : "down")}";
        }

        using var probe = new EtcdProbe();
        var checks = await Task.WhenAll(spec.Nodes.Select(async node =>
        {
            try
            {
                var status = await probe.StatusAsync(node.ClientUrl, cancellationToken).ConfigureAwait(false);
                if (status.LeaderId is null)
                {
                    return (node.Name, Leader: (ulong?)null, Problem: $"{node.Name} knows no leader");
                }

                return await probe.HealthyAsync(node.ClientUrl, cancellationToken).ConfigureAwait(false)
                    ? (node.Name, Leader: status.LeaderId, Problem: (string?)null)
                    : (node.Name, Leader: status.LeaderId, Problem: $"{node.Name} /health is not true");
            }
            catch (Exception e) when (EtcdProbe.IsProbeFailure(e, cancellationToken))
            {
                return (node.Name, Leader: (ulong?)null, Problem: $"{node.Name}: {EtcdProbe.Describe(e)}");
            }
        })).ConfigureAwait(false);

        if (checks.FirstOrDefault(c => c.Problem is not null) is { Problem: { } problem })
        {
            return problem;
        }

        return checks.Select(c => c.Leader).Distinct().Count() == 1 ? null : "members follow different leaders";
    }
}
