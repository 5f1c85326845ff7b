using Operator.Core;

namespace Operator.Etcd.Local;

/// <summary>Finds the etcd binary: an explicit <c>--etcd-bin</c> path, else <c>etcd</c> on PATH.</summary>
internal sealed class EtcdBinaryLocator
{
    public const string NotOnPathMessage =
        "etcd binary not found on PATH; install it with `apt-get install etcd-server` or pass --etcd-bin PATH";

    private readonly string _searchPath;

    /// <param name="searchPath">A PATH-style list of directories; null means the process's PATH.</param>
    public EtcdBinaryLocator(string? searchPath = null)
    {
        _searchPath = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
    }

    public string Locate(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            if (!IsExecutableFile(full))
            {
                throw new OperatorException(
                    $"etcd binary {full} does not exist or is not executable; install etcd with `apt-get install etcd-server` or pass --etcd-bin PATH to an etcd 3.4 binary");
            }

            return full;
        }

        foreach (var dir in _searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = Path.Combine(dir, "etcd");
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new OperatorException(NotOnPathMessage);
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
