namespace Operator.Workload;

/// <summary>One line of a load run's report: <see cref="LoadStarted"/>, then <see cref="LoadInterval"/>s, then a <see cref="LoadSummary"/>.</summary>
/// <param name="At">When the event was produced (UTC).</param>
public abstract record LoadEvent(DateTimeOffset At);
