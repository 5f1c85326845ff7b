using System.Net.Sockets;
using System.Text.Json;

namespace Operator.TiKV.Tests.Fake;

/// <summary>A plain HTTP client for poking the fake cluster the way any client would.</summary>
internal sealed class FakeHttp : IDisposable
{
    private readonly HttpClient _client;

    public FakeHttp(TimeSpan? timeout = null) => _client = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(20) };

    public async Task<Reply> GetAsync(string url, CancellationToken cancellationToken = default)
    {
        using var response = await _client.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply((int)response.StatusCode, contentType, body, headers);
    }

    public async Task<JsonElement> GetJsonAsync(string url, CancellationToken cancellationToken = default)
    {
        var reply = await GetAsync(url, cancellationToken);
        Assert.True(reply.Status == 200, $"GET {url}: {reply.Status} {reply.Body}");
        return reply.Json;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption option, CancellationToken cancellationToken = default) =>
        await _client.SendAsync(request, option, cancellationToken);

    /// <summary>
    /// True when connecting is refused (nothing listens); false when the request got any answer. Always on a new
    /// connection: a pooled keep-alive one to a server that has just gone down is reset, not refused.
    /// </summary>
    public async Task<bool> IsRefusedAsync(string url)
    {
        try
        {
            using var fresh = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };
            using var response = await fresh.GetAsync(url);
            return false;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return true;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Status, content type, body text and headers of one answer.</summary>
    public sealed record Reply(int Status, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
    }
}
