using Operator.Core;

namespace Operator.Cli;

/// <summary>
/// The folder that holds one Operator installation's state: the ticket database, the local cluster's data
/// dirs, logs, pid files and ports, and the optional invariant config. Two state dirs never share ports.
/// </summary>
internal sealed record StateDirectory(string Path)
{
    public const string EnvironmentVariable = "OPERATOR_STATE_DIR";

    public string DatabasePath => System.IO.Path.Combine(Path, "operator.db");

    public string ConfigPath => System.IO.Path.Combine(Path, "config.json");

    /// <summary>--state-dir, else $OPERATOR_STATE_DIR, else $XDG_STATE_HOME/operator, else ~/.local/state/operator.</summary>
    public static StateDirectory Resolve(string? option)
    {
        var chosen = option;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(chosen))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            chosen = !string.IsNullOrWhiteSpace(xdg)
                ? System.IO.Path.Combine(xdg, "operator")
                : System.IO.Path.Combine(home, ".local", "state", "operator");
        }

        return new StateDirectory(System.IO.Path.GetFullPath(chosen));
    }

    /// <summary>Creates the folder if needed and proves it is writable, with a one-line error otherwise.</summary>
    public StateDirectory EnsureWritable()
    {
        try
        {
            Directory.CreateDirectory(Path);
            var probe = System.IO.Path.Combine(Path, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return this;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException(
                $"state dir {Path} is not writable ({ex.Message}); choose another with --state-dir or ${EnvironmentVariable}", ex);
        }
    }
}
