namespace Operator.TiKV.Deployment;

/// <summary>
/// Where Operator on the host reaches the compose deployment (the ports docker-compose.yaml publishes on 127.0.0.1).
/// Each TiKV advertises its status address as the host address below, so the <c>status_address</c> PD reports is
/// directly probeable from the host and is also the <c>instance</c> label Prometheus gives that store's series.
/// </summary>
public static class ComposeEndpoints
{
    /// <summary>pd0's client URL: what to pass as <c>--pd</c>.</summary>
    public const string PdUrl = "http://127.0.0.1:2379";

    /// <summary>Prometheus, scraping PD and TiKV every 15 s.</summary>
    public const string PrometheusUrl = "http://127.0.0.1:9090";

    /// <summary>
    /// Each PD member's client URL from the host. PD itself lists members as <c>http://pdN:2379</c>, which only
    /// containers resolve; a probe of a member from the host must use these instead.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PdMemberUrls { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pd0"] = "http://127.0.0.1:2379",
        ["pd1"] = "http://127.0.0.1:2479",
        ["pd2"] = "http://127.0.0.1:2579",
    };

    /// <summary>Each TiKV service's advertised status address (reachable from the host), by compose service.</summary>
    public static IReadOnlyDictionary<string, string> StatusAddresses { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tikv0"] = "127.0.0.1:20180",
        ["tikv1"] = "127.0.0.1:20181",
        ["tikv2"] = "127.0.0.1:20182",
    };

    /// <summary>All PD URLs from the host, comma-separated, for <c>--pd</c>.</summary>
    public static string AllPdUrls => string.Join(',', PdMemberUrls.Values);
}
