using System.Buffers;
using System.Globalization;
using System.Text;

namespace Operator.FakeTikv.Http;

/// <summary>
/// Where a <see cref="StreamedReply"/> writes its body: a buffer (for a <c>Utf8JsonWriter</c>) that is sent as one
/// HTTP chunk whenever it grows past <see cref="ChunkBytes"/>.
/// </summary>
public sealed class ReplyBody
{
    public const int ChunkBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly long? _truncateAfter;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes * 2);
    private long _sent;

    internal ReplyBody(Stream stream, long? truncateAfter)
    {
        _stream = stream;
        _truncateAfter = truncateAfter;
    }

    public IBufferWriter<byte> Buffer => _buffer;

    /// <summary>Body bytes sent so far.</summary>
    public long BytesSent => _sent;

    /// <summary>Sends the buffer as a chunk when it is large enough; call after each item written.</summary>
    public ValueTask FlushIfLargeAsync(CancellationToken cancellationToken) =>
        _buffer.WrittenCount >= ChunkBytes || (_truncateAfter is { } limit && _sent + _buffer.WrittenCount >= limit)
            ? new ValueTask(FlushAsync(cancellationToken))
            : ValueTask.CompletedTask;

    /// <summary>Sends whatever is buffered as one chunk.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        var data = _buffer.WrittenMemory;
        var truncated = false;
        if (_truncateAfter is { } limit && _sent + data.Length >= limit)
        {
            data = data[..(int)Math.Max(0, limit - _sent)];
            truncated = true;
        }

        if (data.Length > 0)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
            await _stream.WriteAsync(data, cancellationToken);
            await _stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            _sent += data.Length;
        }

        _buffer.ResetWrittenCount();
        if (truncated)
        {
            throw new TruncatedException();
        }
    }

    internal async Task CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (TruncatedException)
        {
        }

        await _stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Thrown out of a flush once a deliberately truncated body has reached its limit.</summary>
    internal sealed class TruncatedException : Exception
    {
    }
}
