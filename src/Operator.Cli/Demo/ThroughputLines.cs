using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Operator.Tui.Demo;
using Operator.Tui.State;

namespace Operator.Cli.Demo;

/// <summary>
/// The JSON lines of <c>demo throughput</c> (TiKV's request rate from Prometheus) and what each tells the WORKLOAD
/// panel: <c>{"describe":…}</c> first, then each second <c>{"second":N,"opsPerSec":X,"p99Ms":Y}</c> or
/// <c>{"second":N,"error":…}</c>. Points carry no error count: the servers never see a client's failed requests.
/// </summary>
internal static class ThroughputLines
{
    public static string Describe(string text) => new JsonObject { ["describe"] = text }.ToJsonString();

    public static string Point(int second, double opsPerSec, double? p99Ms) =>
        new JsonObject { ["second"] = second, ["opsPerSec"] = Math.Round(opsPerSec, 2), ["p99Ms"] = p99Ms is { } p ? Math.Round(p, 3) : null }.ToJsonString();

    public static string Error(int second, string error) => new JsonObject { ["second"] = second, ["error"] = error }.ToJsonString();

    /// <summary>The update a line carries; null for blank lines. Text that is not one of the lines above is reported as an error.</summary>
    public static WorkloadUpdate? ToUpdate(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(line) is JsonObject o)
            {
                if (o["describe"]?.GetValue<string>() is { } describe)
                {
                    return new WorkloadUpdate(null, describe, null);
                }

                if (o["error"]?.GetValue<string>() is { } error)
                {
                    return new WorkloadUpdate(null, null, error);
                }

                if (o["second"]?.GetValue<int>() is { } second && o["opsPerSec"]?.GetValue<double>() is { } ops)
                {
                    return new WorkloadUpdate(new WorkloadPoint(second, ops, o["p99Ms"]?.GetValue<double>(), null), null, null);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not one of ours: shown as the last error below.
        }

        return new WorkloadUpdate(null, null, line.Trim());
    }

    /// <summary>What the panel says runs, for the describe line.</summary>
    public static string DescribeFor(Uri prometheus, bool compose) => string.Create(
        CultureInfo.InvariantCulture,
        $"TiKV gRPC rate from Prometheus {prometheus.Authority} · {(compose ? "load: go-ycsb in compose" : "load: the cluster's own")}");
}
