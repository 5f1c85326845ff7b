namespace Operator.Cli.Demo;

/// <summary>
/// How to start this same CLI again as a child (monitor, agent, load, guard): through <c>setsid</c>, so the child has
/// its own session and the terminal's Ctrl+C reaches only the dashboard, which then stops the children in order.
/// </summary>
internal static class SelfCommand
{
    private const string SetSid = "/usr/bin/setsid";

    public static string FileName => File.Exists(SetSid) ? SetSid : Host;

    /// <summary>The arguments that run the CLI with <paramref name="arguments"/> (the host and dll first, as needed).</summary>
    public static IReadOnlyList<string> Arguments(StateDirectory state, IEnumerable<string> arguments)
    {
        var all = new List<string>();
        if (File.Exists(SetSid))
        {
            all.Add(Host);
        }

        if (Path.GetFileNameWithoutExtension(Host) == "dotnet")
        {
            all.Add(typeof(SelfCommand).Assembly.Location);
        }

        all.AddRange(["--state-dir", state.Path]);
        all.AddRange(arguments);
        return all;
    }

    /// <summary>
    /// The program and arguments that run this CLI with <paramref name="arguments"/>, without setsid or the state-dir option
    /// (for launchers that add both themselves, like the local cluster's fault proxy).
    /// </summary>
    public static IReadOnlyList<string> Plain(params string[] arguments)
    {
        var all = new List<string> { Host };
        if (Path.GetFileNameWithoutExtension(Host) == "dotnet")
        {
            all.Add(typeof(SelfCommand).Assembly.Location);
        }

        all.AddRange(arguments);
        return all;
    }

    /// <summary>Environment for a child that must exit when its parent dies.</summary>
    public static IReadOnlyDictionary<string, string> Lifeline { get; } =
        new Dictionary<string, string> { [ParentLifeline.EnvironmentVariable] = ParentLifeline.StdinValue };

    private static string Host => Environment.ProcessPath ?? "dotnet";
}
