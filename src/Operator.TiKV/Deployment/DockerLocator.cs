using Operator.Core;

namespace Operator.TiKV.Deployment;

/// <summary>Finds the docker executable: a path as given, else a bare name looked up on PATH.</summary>
internal sealed class DockerLocator
{
    private readonly string _searchPath;

    /// <param name="searchPath">A PATH-style list of directories; null means the process's PATH.</param>
    public DockerLocator(string? searchPath = null)
    {
        _searchPath = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
    }

    /// <summary>The full path to run.</summary>
    /// <param name="docker">A path (contains a slash) or a name to look up (<c>docker</c>).</param>
    /// <param name="purpose">What needs Docker, for the error (<c>cluster up --subject tikv</c>).</param>
    /// <param name="hint">What to do instead, for the error.</param>
    /// <exception cref="OperatorException">Not found, or not executable.</exception>
    public string Locate(string docker, string purpose, string hint)
    {
        if (docker.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(docker);
            return IsExecutableFile(full)
                ? full
                : throw new OperatorException($"{purpose} needs Docker: {full} does not exist or is not executable; {hint}");
        }

        foreach (var dir in _searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = Path.Combine(dir, docker);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new OperatorException($"{purpose} needs Docker: {docker} was not found on PATH; {hint}");
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
