namespace Operator.TiKV.Tests.Fake;

/// <summary>Runs the large-topology tests alone, so the managed heap they measure holds nobody else's objects.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeTopologyCollection
{
    public const string Name = "Fake TiKV large topology";
}
