namespace Operator.TiKV.Pd;

/// <summary>
/// What one region check found: PD's count and the ids of the first few regions listed. The region list itself
/// is never materialised, so a million listed regions cost what ten do.
/// </summary>
/// <param name="Kind">The check.</param>
/// <param name="Count">PD's <c>count</c> (the number of regions listed when the answer has no count).</param>
/// <param name="SampleIds">Ids of the first regions listed, in PD's order, at most the client's sample size.</param>
public sealed record PdRegionCheck(PdRegionCheckKind Kind, long Count, IReadOnlyList<ulong> SampleIds);
