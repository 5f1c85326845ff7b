namespace Operator.Cli.Tests;

/// <summary>
/// Tests that each run a whole cluster with the fault proxy, a monitor and an agent for a minute: they run one at a
/// time, after the parallel ones, so their load does not stretch the timing of tests running beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo: whole clusters with daemons";
}
