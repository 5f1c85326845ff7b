namespace Operator.TiKV.Deployment;

/// <summary>How one docker command ended.</summary>
internal sealed record DockerResult(int ExitCode, string Stdout, string Stderr);
