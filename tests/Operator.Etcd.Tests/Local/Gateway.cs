using System.Text;
using System.Text.Json;

namespace Operator.Etcd.Tests.Local;

/// <summary>Just enough of the etcd JSON gateway for tests to write, read and find the leader.</summary>
internal static class Gateway
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task PutAsync(Uri clientUrl, string key, string value)
    {
        var body = $$"""{"key":"{{B64(key)}}","value":"{{B64(value)}}"}""";
        using var response = await PostAsync(clientUrl, "/v3/kv/put", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The value, or null when the key is missing. Serializable reads answer from the member's own copy.</summary>
    public static async Task<string?> GetAsync(Uri clientUrl, string key, bool serializable = false)
    {
        var body = $$"""{"key":"{{B64(key)}}","serializable":{{(serializable ? "true" : "false")}}}""";
        using var response = await PostAsync(clientUrl, "/v3/kv/range", body);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("kvs", out var kvs) && kvs.GetArrayLength() > 0
            ? Encoding.UTF8.GetString(Convert.FromBase64String(kvs[0].GetProperty("value").GetString()!))
            : null;
    }

    /// <summary>True when this member reports itself as leader.</summary>
    public static async Task<bool> IsLeaderAsync(Uri clientUrl)
    {
        using var response = await PostAsync(clientUrl, "/v3/maintenance/status", "{}");
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        return root.TryGetProperty("leader", out var leader)
            && leader.GetString() == root.GetProperty("header").GetProperty("member_id").GetString();
    }

    public static async Task<bool> HealthyAsync(Uri clientUrl)
    {
        using var response = await Http.GetAsync(new Uri(clientUrl, "/health"));
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"true\"", StringComparison.Ordinal);
    }

    public static async Task<string> MetricsAsync(Uri metricsUrl) => await Http.GetStringAsync(new Uri(metricsUrl, "/metrics"));

    private static async Task<HttpResponseMessage> PostAsync(Uri clientUrl, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.PostAsync(new Uri(clientUrl, path), content);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
