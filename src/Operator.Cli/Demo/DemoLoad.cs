using System.Globalization;

namespace Operator.Cli.Demo;

/// <summary>
/// The workload the demo runs: workload A from a few clients at a fixed rate, enough to see every dip on the sparkline
/// while leaving the cluster (and the machine's cores) room to show detection times honestly.
/// </summary>
/// <param name="Workload">YCSB core workload letter.</param>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="TargetRate">Total operations per second; null runs closed-loop.</param>
internal sealed record DemoLoad(string Workload, int Clients, int? TargetRate)
{
    public static DemoLoad Default { get; } = new("a", 8, 400);

    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string> { "load", "run", "--json", "--duration", "0", "--workload", Workload, "--clients", Clients.ToString(CultureInfo.InvariantCulture) };
        if (TargetRate is { } rate)
        {
            args.AddRange(["--target-rate", rate.ToString(CultureInfo.InvariantCulture)]);
        }

        return args;
    }
}
