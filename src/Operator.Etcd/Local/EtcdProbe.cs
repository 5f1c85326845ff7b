using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Operator.Etcd.Local;

/// <summary>Minimal member probes over the HTTP gateway, with short timeouts; used while starting and stopping members.</summary>
internal sealed class EtcdProbe : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    private readonly HttpClient _http;

    public EtcdProbe()
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false, // an http_proxy in the environment must not capture loopback calls
            ConnectTimeout = TimeSpan.FromSeconds(1),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>POST /v3/maintenance/status (member-local, works without quorum).</summary>
    public async Task<MemberStatus> StatusAsync(Uri clientUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(clientUrl, "/v3/maintenance/status"), content, timeout.Token);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var doc = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
        var root = doc.RootElement;
        var memberId = ParseId(root.GetProperty("header").GetProperty("member_id"));
        ulong? leader = root.TryGetProperty("leader", out var l) ? ParseId(l) : null;
        return new MemberStatus(memberId, leader == 0 ? null : leader);
    }

    /// <summary>GET /health: true only for 200 with <c>"health":"true"</c> (a raft round trip on the member).</summary>
    public async Task<bool> HealthyAsync(Uri clientUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await _http.GetAsync(new Uri(clientUrl, "/health"), timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.TryGetProperty("health", out var h) && h.GetString() == "true";
    }

    /// <summary>The leader's node name as reported by any member that answers, or null.</summary>
    public async Task<string?> LeaderAsync(IReadOnlyList<LocalNodeSpec> nodes, CancellationToken cancellationToken)
    {
        var statuses = await Task.WhenAll(nodes.Select(async node =>
        {
            try
            {
                return (node.Name, Status: await StatusAsync(node.ClientUrl, cancellationToken));
            }
            catch (Exception e) when (IsProbeFailure(e, cancellationToken))
            {
                return (node.Name, Status: (MemberStatus?)null);
            }
        }));
        return statuses.FirstOrDefault(s => s.Status?.IsLeader == true).Name;
    }

    /// <summary>A failed probe (refused, timed out, bad answer) as opposed to the caller cancelling.</summary>
    public static bool IsProbeFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>"connection refused", "timed out", "HTTP 503" — the gist of a probe failure for one-line errors.</summary>
    public static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timed out",
        HttpRequestException { StatusCode: { } code } => "HTTP " + ((int)code).ToString(CultureInfo.InvariantCulture),
        HttpRequestException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    public void Dispose() => _http.Dispose();

    private static ulong ParseId(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? ulong.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetUInt64();
}
