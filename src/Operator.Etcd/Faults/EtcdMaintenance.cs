using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Operator.Core;

namespace Operator.Etcd.Faults;

/// <summary>
/// The gateway calls filling a cluster to NOSPACE and recovering it need (put, delete prefix, compaction, defragment,
/// alarms), each with its own deadline; failures are one-line <see cref="OperatorException"/>s naming the call.
/// </summary>
internal sealed class EtcdMaintenance : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Puts one key; false when etcd refused it for lack of space (the NOSPACE alarm), true when stored.</summary>
    public async Task<bool> PutAsync(Uri clientUrl, string key, string value, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync(clientUrl, "/v3/kv/put", $$"""{"key":"{{B64(key)}}","value":"{{B64(value)}}"}""", cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.OK)
        {
            return true;
        }

        if (body.Contains("database space exceeded", StringComparison.Ordinal) || body.Contains("no space", StringComparison.Ordinal))
        {
            return false;
        }

        throw Failed(clientUrl, "put " + key, status, body);
    }

    /// <summary>Deletes every key under <paramref name="prefix"/> and returns the store revision after the delete.</summary>
    public async Task<long> DeletePrefixAsync(Uri clientUrl, string prefix, CancellationToken cancellationToken)
    {
        var end = Encoding.UTF8.GetBytes(prefix);
        end[^1]++;
        var (status, body) = await PostAsync(clientUrl, "/v3/kv/deleterange", $$"""{"key":"{{B64(prefix)}}","range_end":"{{Convert.ToBase64String(end)}}"}""", cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.OK ? Revision(body) : throw Failed(clientUrl, "delete " + prefix + "*", status, body);
    }

    /// <summary>Compacts history up to <paramref name="revision"/>; an already compacted revision is fine.</summary>
    public async Task CompactAsync(Uri clientUrl, long revision, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync(clientUrl, "/v3/kv/compaction", $$"""{"revision":"{{revision.ToString(CultureInfo.InvariantCulture)}}","physical":true}""", cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK && !body.Contains("has been compacted", StringComparison.Ordinal))
        {
            throw Failed(clientUrl, "compact", status, body);
        }
    }

    /// <summary>Defragments the one member at <paramref name="clientUrl"/> (member-local).</summary>
    public async Task DefragmentAsync(Uri clientUrl, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync(clientUrl, "/v3/maintenance/defragment", "{}", cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Failed(clientUrl, "defragment", status, body);
        }
    }

    /// <summary>The active alarms as (memberID, alarm) pairs.</summary>
    public async Task<IReadOnlyList<(string Member, string Alarm)>> AlarmsAsync(Uri clientUrl, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync(clientUrl, "/v3/maintenance/alarm", """{"action":"GET"}""", cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Failed(clientUrl, "list alarms", status, body);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("alarms", out var alarms))
            {
                return [];
            }

            return alarms.EnumerateArray()
                .Select(a => (a.GetProperty("memberID").ToString(), a.TryGetProperty("alarm", out var kind) ? kind.ToString() : "NOSPACE"))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new OperatorException($"list alarms from {clientUrl.GetLeftPart(UriPartial.Authority)}: unexpected answer: {Snippet(body)}", e);
        }
    }

    /// <summary>Disarms one (member, alarm) pair.</summary>
    public async Task DisarmAsync(Uri clientUrl, string member, string alarm, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync(clientUrl, "/v3/maintenance/alarm", $$"""{"action":"DEACTIVATE","memberID":"{{member}}","alarm":"{{alarm}}"}""", cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Failed(clientUrl, $"disarm {alarm} of member {member}", status, body);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(Uri clientUrl, string path, string json, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(new Uri(clientUrl, path), content, timeout.Token).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = e is OperationCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : e.InnerException?.Message ?? e.Message;
            throw new OperatorException($"POST {clientUrl.GetLeftPart(UriPartial.Authority)}{path}: {why}; check the member with `operator cluster status`", e);
        }
    }

    private static long Revision(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("header", out var header) && header.TryGetProperty("revision", out var revision)
            ? long.Parse(revision.ToString(), CultureInfo.InvariantCulture)
            : 0;
    }

    private static OperatorException Failed(Uri clientUrl, string what, HttpStatusCode status, string body) =>
        new($"{what} on {clientUrl.GetLeftPart(UriPartial.Authority)}: HTTP {(int)status}: {Snippet(body)}");

    private static string Snippet(string body) => body.Length <= 200 ? body.Trim() : body[..200].Trim() + "…";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
