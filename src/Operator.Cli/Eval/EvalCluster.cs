using Operator.Core;
using Operator.Etcd.Local;

namespace Operator.Cli.Eval;

/// <summary>The evaluation's own cluster: created on first use with a small backend quota (for the nospace fault), stopped at the end.</summary>
internal static class EvalCluster
{
    /// <summary>The quota the run's members start with: small enough that nospace fills it in about a second.</summary>
    public const long QuotaBytes = 8L * 1024 * 1024;

    /// <summary>
    /// Every trial is its own episode. Ticket flap detection would merge the same node's tickets across trials and keep
    /// them open for its clear window, and back-to-back trials change the leader far more often than any real cluster
    /// (leader_flapping would trip on the harness itself and stay open for its 5 minute window), so the run's monitor
    /// has both off. No fault of the catalogue is judged by either.
    /// </summary>
    private const string Config = """
        // Written by `operator eval run`: each trial is an independent episode, so ticket flap detection and
        // leader_flapping (which the back-to-back trials themselves would trip) are off.
        {
          "tickets": { "flap_threshold": 0 },
          "invariants": { "leader_flapping": { "enabled": false } }
        }
        """;

    public static async Task PrepareAsync(LocalEtcdCluster cluster, StateDirectory state, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(state.Path);
        await File.WriteAllTextAsync(state.ConfigPath, Config, cancellationToken).ConfigureAwait(false);
        if (!cluster.Exists)
        {
            Console.WriteLine($"starting the run's cluster in {state.Path} (3 members, --quota-backend-bytes {QuotaBytes})");
            await cluster.UpAsync(3, null, QuotaBytes, cancellationToken).ConfigureAwait(false);
        }
        else if (cluster.Nodes().Any(n => !n.IsAlive))
        {
            await cluster.UpAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the members (their data and logs stay for a later look or a resume).</summary>
    public static async Task StopAsync(LocalEtcdCluster cluster)
    {
        try
        {
            if (cluster.Exists)
            {
                await cluster.DownAsync(purge: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperatorException e)
        {
            Console.Error.WriteLine($"operator: stop the run's cluster: {e.Message}; stop it with `operator --state-dir {cluster.StateDir} cluster down`");
        }
    }
}
