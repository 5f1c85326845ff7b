namespace Operator.TiKV.Deployment;

/// <summary>Settings of <see cref="ComposeDeployment"/>; the defaults suit a laptop.</summary>
public sealed record ComposeDeploymentOptions
{
    /// <summary>Compose project name (<c>-p</c>): prefixes containers, volumes and the network.</summary>
    public string ProjectName { get; init; } = ComposeTopology.DefaultProject;

    /// <summary>PATH-style directories to find a bare docker name in; null means the process's PATH.</summary>
    public string? SearchPath { get; init; }

    /// <summary>Deadline of quick commands (info, kill, start, logs, ps).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Deadline of <c>up</c>: a first run pulls six images and builds go-ycsb from source.</summary>
    public TimeSpan UpTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Deadline of <c>down</c> (containers get compose's 10 s stop grace each).</summary>
    public TimeSpan DownTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
