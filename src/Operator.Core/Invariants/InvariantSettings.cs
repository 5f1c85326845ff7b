namespace Operator.Core.Invariants;

/// <summary>The tunables every invariant has, plus its own named parameters (thresholds, windows).</summary>
/// <param name="Enabled">Whether the invariant runs at all.</param>
/// <param name="Grace">How long a condition must persist before it is reported.</param>
/// <param name="Severity">Severity of its violations.</param>
/// <param name="Parameters">Invariant-specific numbers (e.g. <c>ratio</c> = 0.8, <c>window_seconds</c> = 60).</param>
public sealed record InvariantSettings(bool Enabled, TimeSpan Grace, Severity Severity, IReadOnlyDictionary<string, double> Parameters)
{
    public double Parameter(string name, double fallback) => Parameters.TryGetValue(name, out var v) ? v : fallback;
}
