namespace Operator.Workload;

/// <summary>
/// The store a workload runs against: a few endpoints (cluster members) that each serve single-key reads and
/// updates. Failures come back as <see cref="KvResult"/> errors; only the caller's cancellation throws.
/// </summary>
public interface IKvTarget
{
    /// <summary>The endpoints as users know them (client URLs), in index order; never empty.</summary>
    IReadOnlyList<string> Endpoints { get; }

    /// <summary>Reads <paramref name="key"/> through endpoint <paramref name="endpoint"/> (an index into <see cref="Endpoints"/>).</summary>
    ValueTask<KvResult> ReadAsync(int endpoint, string key, CancellationToken cancellationToken);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> through endpoint <paramref name="endpoint"/>.</summary>
    ValueTask<KvResult> UpdateAsync(int endpoint, string key, string value, CancellationToken cancellationToken);
}
