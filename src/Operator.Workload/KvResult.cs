namespace Operator.Workload;

/// <summary>Outcome of one operation against a target: success, or a one-line error naming what failed where.</summary>
public readonly record struct KvResult(string? Error)
{
    public static KvResult Success => default;

    public bool Ok => Error is null;

    public static KvResult Failed(string error) => new(string.IsNullOrWhiteSpace(error) ? "unknown error" : error);
}
