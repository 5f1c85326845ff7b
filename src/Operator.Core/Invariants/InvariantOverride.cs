namespace Operator.Core.Invariants;

/// <summary>What a configuration file changes about one invariant; null means "keep the default".</summary>
public sealed record InvariantOverride(bool? Enabled, TimeSpan? Grace, Severity? Severity, IReadOnlyDictionary<string, double> Parameters);
