namespace Operator.FakeTikv.Http;

/// <summary>
/// An answer produced while it is sent, with chunked transfer coding, so a body of hundreds of megabytes (PD's
/// <c>/regions</c> on a million regions) never sits in memory and a client that asks for it pays for every byte.
/// </summary>
public sealed class StreamedReply : HttpReply
{
    private readonly Func<ReplyBody, CancellationToken, Task> _produce;

    public StreamedReply(int status, string contentType, Func<ReplyBody, CancellationToken, Task> produce)
    {
        Status = status;
        ContentType = contentType;
        _produce = produce;
    }

    public int Status { get; }

    public string ContentType { get; }

    /// <summary>When set, the body is cut after this many bytes and the chunked stream ended normally.</summary>
    public long? TruncateAfterBytes { get; private init; }

    /// <summary>The same reply with its body cut after <paramref name="bytes"/> bytes.</summary>
    public StreamedReply Truncated(long bytes) => new(Status, ContentType, _produce) { TruncateAfterBytes = bytes };

    internal override async Task<bool> WriteAsync(Stream stream, bool keepAlive, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(ResponseHead.Build(Status, ContentType, contentLength: null, keepAlive, now), cancellationToken);
        var body = new ReplyBody(stream, TruncateAfterBytes);
        try
        {
            await _produce(body, cancellationToken);
        }
        catch (ReplyBody.TruncatedException)
        {
            // The body was cut on purpose; end the chunked stream as if it were complete.
        }

        await body.CompleteAsync(cancellationToken);
        return keepAlive;
    }
}
