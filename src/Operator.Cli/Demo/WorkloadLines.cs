using System.Globalization;
using Operator.Tui.Demo;
using Operator.Tui.State;
using Operator.Workload;

namespace Operator.Cli.Demo;

/// <summary>Reads the load generator's <c>--json</c> lines (the <see cref="LoadJson"/> contract) into WORKLOAD panel updates.</summary>
internal static class WorkloadLines
{
    /// <summary>The update a line carries; null for lines that carry none (the summary, blank lines). Non-JSON text is reported as an error.</summary>
    public static WorkloadUpdate? ToUpdate(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        return LoadJson.Parse(line) switch
        {
            LoadStarted s => new WorkloadUpdate(null, Describe(s), null),
            LoadInterval i => new WorkloadUpdate(new WorkloadPoint(i.Second, i.OpsPerSec, i.Latency?.P99Ms, i.Errors), null, i.LastError),
            LoadSummary => null,
            _ => new WorkloadUpdate(null, null, line.Trim()),
        };
    }

    private static string Describe(LoadStarted s)
    {
        var rate = s.TargetRate is { } r ? string.Create(CultureInfo.InvariantCulture, $" · {r:0} ops/s target") : " · closed loop";
        return string.Create(CultureInfo.InvariantCulture, $"workload {s.Workload} · {s.Clients} clients · {s.Endpoints.Count} members{rate}");
    }
}
