namespace Operator.FakeTikv.Http;

/// <summary>An answer whose whole body is known up front, sent with <c>Content-Length</c>.</summary>
public sealed class FixedReply : HttpReply
{
    public FixedReply(int status, string contentType, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
        Headers = headers ?? [];
    }

    public int Status { get; }

    public string ContentType { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    internal override async Task<bool> WriteAsync(Stream stream, bool keepAlive, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(ResponseHead.Build(Status, ContentType, Body.Length, keepAlive, now, Headers), cancellationToken);
        await stream.WriteAsync(Body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return keepAlive;
    }
}
