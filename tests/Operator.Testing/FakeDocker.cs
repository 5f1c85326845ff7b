using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.Versioning;

namespace Operator.Testing;

/// <summary>
/// A fake <c>docker</c> executable: a small sh script in its own directory that appends its argv (arguments
/// separated by U+001F) to a log and answers canned stdout, stderr and exit codes per subcommand. Subcommands are
/// keyed by their first argument (<c>info</c>, <c>kill</c>, <c>logs</c>) or, for compose, <c>compose-&lt;verb&gt;</c>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FakeDocker : IDisposable
{
    private const string Script = """
        #!/bin/sh
        # Fake docker for Operator's tests: records its arguments, answers from canned files.
        dir=@DIR@
        if [ "$1" = "__ready" ]; then exit 0; fi
        { for a in "$@"; do printf '%s\037' "$a"; done; printf '\n'; } >> "$dir/calls.log"
        cat "/proc/$PPID/comm" >> "$dir/parents.log" 2>/dev/null
        key=$1
        if [ "$1" = "compose" ]; then
          for a in "$@"; do
            case "$a" in up|down|ps|start|stop|version|logs|kill) key="compose-$a"; break;; esac
          done
        fi
        if [ -f "$dir/$key.sleep" ]; then sleep "$(cat "$dir/$key.sleep")"; fi
        if [ -f "$dir/$key.out" ]; then cat "$dir/$key.out"; fi
        if [ -f "$dir/$key.err" ]; then cat "$dir/$key.err" >&2; fi
        if [ -f "$dir/$key.rc" ]; then exit "$(cat "$dir/$key.rc")"; fi
        exit 0
        """;

    private readonly TempStateDir _dir = new();

    public FakeDocker()
    {
        BinDirectory = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(BinDirectory);
        Binary = Path.Combine(BinDirectory, "docker");
        File.WriteAllText(Binary, Script.Replace("@DIR@", "'" + _dir.Path + "'", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(Binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        WaitUntilRunnable();

        // A healthy Docker unless a test says otherwise.
        Respond("info", stdout: "27.3.1\n");
        Respond("compose-version", stdout: "Docker Compose version v2.29.7\n");
    }

    /// <summary>The directory holding only the fake <c>docker</c>, to put on PATH.</summary>
    public string BinDirectory { get; }

    /// <summary>The process's PATH with <see cref="BinDirectory"/> first, for a child process that should find the fake.</summary>
    public string PathWithFakeFirst => BinDirectory + System.IO.Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

    /// <summary>Full path of the fake.</summary>
    public string Binary { get; }

    /// <summary>Every invocation's arguments, oldest first.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls
    {
        get
        {
            var log = Path.Combine(_dir.Path, "calls.log");
            return File.Exists(log)
                ? File.ReadAllLines(log).Select(line => (IReadOnlyList<string>)line.Split('\u001f')[..^1]).ToList()
                : [];
        }
    }

    /// <summary>The command name of each invocation's parent process (a shell would show up here).</summary>
    public IReadOnlyList<string> Parents
    {
        get
        {
            var log = Path.Combine(_dir.Path, "parents.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        }
    }

    /// <summary>Sets what the subcommand <paramref name="key"/> prints and exits with.</summary>
    public void Respond(string key, string stdout = "", string stderr = "", int exitCode = 0, double sleepSeconds = 0)
    {
        File.WriteAllText(Path.Combine(_dir.Path, key + ".out"), stdout);
        File.WriteAllText(Path.Combine(_dir.Path, key + ".err"), stderr);
        File.WriteAllText(Path.Combine(_dir.Path, key + ".rc"), exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sleep = Path.Combine(_dir.Path, key + ".sleep");
        if (sleepSeconds > 0)
        {
            File.WriteAllText(sleep, sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            File.Delete(sleep);
        }
    }

    public void Dispose() => _dir.Dispose();

    // Another test thread forking while this one wrote the script can leave its write handle open in a child for a
    // moment, and exec then fails with "Text file busy"; once one run works, later runs do too.
    private void WaitUntilRunnable()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(Binary, "__ready") { UseShellExecute = false })!;
                probe.WaitForExit();
                return;
            }
            catch (Win32Exception) when (attempt < 100)
            {
                Thread.Sleep(20);
            }
        }
    }
}
