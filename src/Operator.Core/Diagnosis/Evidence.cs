namespace Operator.Core.Diagnosis;

/// <summary>One fact a diagnosis rests on, with where it came from.</summary>
/// <param name="Source"><c>probe</c>, <c>process</c>, <c>metric</c>, <c>log</c>, <c>ticket</c> or <c>history</c>.</param>
/// <param name="Detail">The fact, with real values ("n2's client port refused connections").</param>
/// <param name="At">When it was observed or logged, if known.</param>
public sealed record Evidence(string Source, string Detail, DateTimeOffset? At = null);
