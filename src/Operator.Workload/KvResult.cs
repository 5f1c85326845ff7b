namespace Operator.Workload;

/// <summary>
/// Outcome of one operation against a target: success, or a one-line error naming what failed where, and whether
/// the endpoint answered at all (<see cref="Reached"/>: it is up but could not serve the request, e.g. during an
/// election) or could not be reached (connection refused or broken).
/// </summary>
public readonly record struct KvResult(string? Error, bool Reached)
{
    public static KvResult Success => new(null, true);

    public bool Ok => Error is null;

    /// <summary>A failure; <paramref name="reached"/> when the endpoint answered (with an error, or by accepting the connection and then timing out).</summary>
    public static KvResult Failed(string error, bool reached = false) => new(string.IsNullOrWhiteSpace(error) ? "unknown error" : error, reached);
}
