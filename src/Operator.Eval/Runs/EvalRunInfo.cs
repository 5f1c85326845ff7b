namespace Operator.Eval.Runs;

/// <summary>What an evaluation run was asked to do, recorded once when it starts so a resumed run does the same.</summary>
/// <param name="Id">The run's name (its directory's name).</param>
/// <param name="CreatedAt">When the run started first.</param>
/// <param name="Engine">The diagnosis engine the agent used (<c>rules</c>, …).</param>
/// <param name="Faults">The faults, in run order.</param>
/// <param name="Trials">Trials per fault.</param>
/// <param name="Status"><c>running</c>, <c>interrupted</c> or <c>finished</c>.</param>
/// <param name="FinishedAt">When the last trial was recorded, or null.</param>
public sealed record EvalRunInfo(string Id, DateTimeOffset CreatedAt, string Engine, IReadOnlyList<string> Faults, int Trials, string Status, DateTimeOffset? FinishedAt);
