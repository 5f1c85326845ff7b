using System.Globalization;

namespace Operator.Workload;

/// <summary>
/// A YCSB core workload reduced to what a key-value store's clients do here: the share of operations that read
/// a key, the rest overwrite one. Keys are chosen with YCSB's scrambled zipfian distribution.
/// </summary>
/// <param name="Name">YCSB's letter (<c>a</c>, <c>b</c>, <c>c</c>).</param>
/// <param name="ReadProportion">Share of reads, 0..1.</param>
public sealed record WorkloadSpec(string Name, double ReadProportion)
{
    /// <summary>Update heavy: 50 % reads, 50 % updates (YCSB workload A, "session store").</summary>
    public static WorkloadSpec A { get; } = new("a", 0.5);

    /// <summary>Read mostly: 95 % reads, 5 % updates (YCSB workload B, "photo tagging").</summary>
    public static WorkloadSpec B { get; } = new("b", 0.95);

    /// <summary>Read only (YCSB workload C, "user profile cache").</summary>
    public static WorkloadSpec C { get; } = new("c", 1.0);

    public static IReadOnlyList<WorkloadSpec> All { get; } = [A, B, C];

    public double UpdateProportion => 1.0 - ReadProportion;

    /// <summary>The workload with this letter, or null.</summary>
    public static WorkloadSpec? Find(string? name) =>
        All.FirstOrDefault(w => string.Equals(w.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Draws the next operation.</summary>
    public OperationKind Choose(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < ReadProportion ? OperationKind.Read : OperationKind.Update;
    }

    /// <summary><c>a (50% reads, 50% updates)</c>.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({ReadProportion * 100:0.#}% reads, {UpdateProportion * 100:0.#}% updates)");
}
