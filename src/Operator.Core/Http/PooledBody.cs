using System.Buffers;
using System.Text;

namespace Operator.Core.Http;

/// <summary>
/// A response body read into a pooled buffer. The monitor reads /metrics (hundreds of KiB) from every node
/// twice a second; renting keeps those pages off the large-object heap.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private const int SnippetLength = 80;

    private byte[]? _buffer;

    private PooledBody(byte[] buffer, int length, bool truncated)
    {
        _buffer = buffer;
        Length = length;
        Truncated = truncated;
    }

    public int Length { get; }

    /// <summary>True when the body was longer than the limit; <see cref="Bytes"/> then holds only the start.</summary>
    public bool Truncated { get; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    public static async Task<PooledBody> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength;
        var initial = (int)Math.Clamp(expected ?? 16 * 1024, 1, maxBytes + 1L);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > maxBytes)
                        {
                            return new PooledBody(buffer, maxBytes, truncated: true);
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }

            return length > maxBytes ? new PooledBody(buffer, maxBytes, truncated: true) : new PooledBody(buffer, length, truncated: false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>The start of the body as one printable line, for error messages.</summary>
    public string Snippet()
    {
        if (Length == 0)
        {
            return "empty body";
        }

        var text = Encoding.UTF8.GetString(Bytes[..Math.Min(Length, SnippetLength * 2)]);
        var builder = new StringBuilder(SnippetLength + 8);
        foreach (var c in text)
        {
            if (builder.Length >= SnippetLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return $"\"{builder.ToString().Trim()}\"";
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
