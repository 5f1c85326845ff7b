namespace Operator.FakeTikv.Http;

/// <summary>One parsed HTTP/1.1 request: method, path (still percent-encoded), query parameters, headers and body.</summary>
public sealed record HttpRequest(
    string Method,
    string Path,
    QueryParameters Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    bool KeepAlive)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
