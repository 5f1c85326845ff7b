using Operator.Tui.State;

namespace Operator.Tui.Demo;

/// <summary>What one line of the load generator's output tells the WORKLOAD panel.</summary>
/// <param name="Point">A one-second point, for interval lines.</param>
/// <param name="Describe">What runs, for the start line (<c>workload a · 16 clients · 3 endpoints</c>).</param>
/// <param name="LastError">The latest error message the generator reported.</param>
public sealed record WorkloadUpdate(WorkloadPoint? Point, string? Describe, string? LastError);
