namespace Operator.Core.Agent;

/// <summary>How the agent daemon paces itself and identifies its claims.</summary>
/// <param name="Interval">How long to wait when there is no open ticket.</param>
/// <param name="Lease">How long a claim protects a ticket; a claim older than this (its agent died) may be taken over.</param>
/// <param name="AgentId">Written on claims (<c>host:pid</c> by default).</param>
public sealed record AgentOptions(TimeSpan Interval, TimeSpan Lease, string AgentId)
{
    public static AgentOptions Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), $"{Environment.MachineName}:{Environment.ProcessId}");
}
