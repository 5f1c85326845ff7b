namespace Operator.Core.Diagnosis;

/// <summary>One step of what happened.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Event);
