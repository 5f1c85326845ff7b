namespace Operator.Eval.Running;

/// <summary>The deadlines of one trial's steps and how often the ticket database is polled.</summary>
public sealed record EvalRunOptions
{
    /// <summary>How long a reset may take to reach a healthy cluster with no unresolved ticket.</summary>
    public TimeSpan CleanTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the healthy cluster must stay clean before the injection (lets the monitor see it healthy).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Injection to first ticket.</summary>
    public TimeSpan DetectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First ticket to its diagnosis.</summary>
    public TimeSpan DiagnoseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Revert to a healthy cluster with every trial ticket resolved.</summary>
    public TimeSpan RecoverTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Polling period of the ticket database and the cluster's health.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(50);
}
