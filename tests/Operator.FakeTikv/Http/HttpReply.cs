namespace Operator.FakeTikv.Http;

/// <summary>
/// What a fake server answers to one request. Besides ordinary answers (<see cref="FixedReply"/>, and
/// <see cref="StreamedReply"/> for bodies too big to hold) a reply can misbehave: <see cref="Hang"/> never answers,
/// <see cref="Drop"/> closes the connection without a word.
/// </summary>
public abstract class HttpReply
{
    /// <summary>Keeps the connection open and never answers (until the server is stopped).</summary>
    public static HttpReply Hang { get; } = new HangReply();

    /// <summary>Closes the connection without answering.</summary>
    public static HttpReply Drop { get; } = new DropReply();

    public static FixedReply Text(int status, string text, string contentType = "text/plain; charset=utf-8") =>
        new(status, contentType, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Writes the reply; true when the connection may carry another request.</summary>
    internal abstract Task<bool> WriteAsync(Stream stream, bool keepAlive, DateTimeOffset now, CancellationToken cancellationToken);

    private sealed class HangReply : HttpReply
    {
        internal override async Task<bool> WriteAsync(Stream stream, bool keepAlive, DateTimeOffset now, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return false;
        }
    }

    private sealed class DropReply : HttpReply
    {
        internal override Task<bool> WriteAsync(Stream stream, bool keepAlive, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(false);
    }
}
