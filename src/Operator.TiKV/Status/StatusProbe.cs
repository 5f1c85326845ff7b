using System.Net;
using Operator.Core.Http;

namespace Operator.TiKV.Status;

/// <summary>
/// Direct liveness probes, asked every cycle because PD notices a dead store only after 20 s: a TiKV status server
/// (<c>GET http://&lt;status_address&gt;/status</c>) and a PD member (<c>GET &lt;client_url&gt;/pd/api/v1/ping</c>).
/// 200 is an answer; otherwise the failure says refused (nothing listens: process gone), timed out (accepted but
/// silent: hung or overloaded), HTTP error, or garbage.
/// </summary>
public sealed class StatusProbe : IDisposable
{
    private const int MaxBodyBytes = 64 * 1024;

    private readonly DeadlineHttpClient _http;

    public StatusProbe(TimeProvider? time = null, HttpTransportOptions? options = null)
        : this(new DeadlineHttpClient(time, options))
    {
    }

    internal StatusProbe(DeadlineHttpClient http)
    {
        _http = http;
    }

    /// <summary><c>GET http://&lt;statusAddress&gt;/status</c> (<paramref name="statusAddress"/> as PD lists it: <c>tikv0:20180</c>).</summary>
    public Task<HttpResult<ProbeAnswer>> ProbeStoreAsync(string statusAddress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (StatusUrl(statusAddress) is not { } url)
        {
            return Task.FromResult(new HttpResult<ProbeAnswer>(new HttpFailure(
                HttpFailureKind.Garbage, $"get status from \"{statusAddress}\"", "not a host:port status address")));
        }

        return GetAsync(_http, url, $"get status from {DeadlineHttpClient.Display(new Uri(url, "/"))}", timeout, cancellationToken);
    }

    /// <summary><c>GET &lt;clientUrl&gt;/pd/api/v1/ping</c>: answered by the member itself, no leader needed.</summary>
    public Task<HttpResult<ProbeAnswer>> PingPdAsync(Uri clientUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        PingAsync(_http, clientUrl, timeout, cancellationToken);

    /// <summary>The status URL for a PD <c>status_address</c> (<c>tikv0:20180</c>, or a full http URL); null when it is not an address.</summary>
    public static Uri? StatusUrl(string? statusAddress)
    {
        if (string.IsNullOrWhiteSpace(statusAddress))
        {
            return null;
        }

        var full = statusAddress.Contains("://", StringComparison.Ordinal);
        if (!full && !statusAddress.Contains(':', StringComparison.Ordinal))
        {
            return null; // PD always lists host:port; a bare host would silently mean port 80
        }

        return Uri.TryCreate(full ? statusAddress : "http://" + statusAddress, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? new UriBuilder(url) { Path = "/status", Query = "" }.Uri
            : null;
    }

    public void Dispose() => _http.Dispose();

    internal static Task<HttpResult<ProbeAnswer>> PingAsync(DeadlineHttpClient http, Uri clientUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientUrl);
        var url = new UriBuilder(clientUrl) { Path = clientUrl.AbsolutePath.TrimEnd('/') + "/pd/api/v1/ping", Query = "" }.Uri;
        return GetAsync(http, url, $"ping {DeadlineHttpClient.Display(clientUrl)}", timeout, cancellationToken);
    }

    private static Task<HttpResult<ProbeAnswer>> GetAsync(DeadlineHttpClient http, Uri url, string operation, TimeSpan timeout, CancellationToken cancellationToken) =>
        http.SendAsync(
            operation,
            timeout,
            async (client, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);

                // The whole answer is read, so a server that sends its head and then hangs is not "serving".
                using var body = await PooledBody.ReadAsync(response.Content, MaxBodyBytes, token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                return response.StatusCode == HttpStatusCode.OK
                    ? new HttpResult<ProbeAnswer>(new ProbeAnswer(url, status))
                    : new HttpResult<ProbeAnswer>(new HttpFailure(HttpFailureKind.HttpError, operation, $"HTTP {status}: {body.Snippet()}", status));
            },
            cancellationToken);
}
