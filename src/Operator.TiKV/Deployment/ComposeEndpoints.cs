using System.Globalization;
using Operator.Core;

namespace Operator.TiKV.Deployment;

/// <summary>
/// Where Operator on the host reaches the compose deployment (the ports docker-compose.yaml publishes on 127.0.0.1).
/// Each TiKV advertises its status address as the host address below, so the <c>status_address</c> PD reports is
/// directly probeable from the host and is also the <c>instance</c> label Prometheus gives that store's series.
/// Every host port moves by <see cref="PortOffset"/> (environment variable <see cref="PortOffsetVariable"/>), so a
/// second deployment, or a test, can live next to the default one.
/// </summary>
public static class ComposeEndpoints
{
    /// <summary>Environment variable that shifts every published host port by a whole number (default 0).</summary>
    public const string PortOffsetVariable = "OPERATOR_TIKV_PORT_OFFSET";

    /// <summary>The largest offset: the highest default port (20182) must stay a valid port.</summary>
    public const int MaxPortOffset = 45000;

    /// <summary>pd0's host port before the offset.</summary>
    public const int PdPort = 2379;

    /// <summary>Prometheus' host port before the offset.</summary>
    public const int PrometheusPort = 9090;

    /// <summary>The offset from <see cref="PortOffsetVariable"/>; the one place the environment is read.</summary>
    /// <exception cref="OperatorException">The variable is set but not a whole number from 0 to <see cref="MaxPortOffset"/>.</exception>
    public static int PortOffset => ParseOffset(Environment.GetEnvironmentVariable(PortOffsetVariable));

    /// <summary>pd0's client URL: what to pass as <c>--pd</c>.</summary>
    public static string PdUrl => PdMemberUrls["pd0"];

    /// <summary>Prometheus, scraping PD and TiKV every 15 s.</summary>
    public static string PrometheusUrl => Url(PrometheusPort + PortOffset);

    /// <summary>
    /// Each PD member's client URL from the host. PD itself lists members as <c>http://pdN:2379</c>, which only
    /// containers resolve; a probe of a member from the host must use these instead.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PdMemberUrls
    {
        get
        {
            var offset = PortOffset;
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["pd0"] = Url(PdPort + offset),
                ["pd1"] = Url(2479 + offset),
                ["pd2"] = Url(2579 + offset),
            };
        }
    }

    /// <summary>Each TiKV service's advertised status address (reachable from the host), by compose service.</summary>
    public static IReadOnlyDictionary<string, string> StatusAddresses
    {
        get
        {
            var offset = PortOffset;
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["tikv0"] = Address(20180 + offset),
                ["tikv1"] = Address(20181 + offset),
                ["tikv2"] = Address(20182 + offset),
            };
        }
    }

    /// <summary>All PD URLs from the host, comma-separated, for <c>--pd</c>.</summary>
    public static string AllPdUrls => string.Join(',', PdMemberUrls.Values);

    /// <summary>The offset a value of <see cref="PortOffsetVariable"/> means; unset or blank is 0.</summary>
    public static int ParseOffset(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= MaxPortOffset
            ? offset
            : throw new OperatorException(
                $"{PortOffsetVariable}='{text}' is not a port offset; use a whole number from 0 to {MaxPortOffset.ToString(CultureInfo.InvariantCulture)} (e.g. 10000 publishes PD on 12379), or unset it");
    }

    private static string Url(int port) => "http://" + Address(port);

    private static string Address(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
