using System.Net.Sockets;
using System.Text;

namespace Operator.Etcd.Local.Network;

/// <summary>
/// Reads the first request's header block of a peer connection (up to the blank line, at most
/// <see cref="MaxBytes"/>) so the proxy learns the sender from etcd's <c>X-Server-From</c> header. The bytes read
/// are forwarded unchanged afterwards.
/// </summary>
internal static class HttpHeaderPeek
{
    public const int MaxBytes = 8192;

    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Reads until the header block is complete, the buffer is full, the peer stops sending (end of stream) or the
    /// bytes cannot be an HTTP request; returns how many bytes are in <paramref name="buffer"/>.
    /// </summary>
    public static async Task<int> ReadAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf(EndOfHeaders) >= 0 || !CouldBeHttp(buffer.AsSpan(0, length)))
            {
                break;
            }
        }

        return length;
    }

    /// <summary>The value of <c>X-Server-From</c> in the header block at the start of <paramref name="bytes"/>, lower-cased; null when absent.</summary>
    public static string? ServerFrom(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf(EndOfHeaders);
        var text = Encoding.ASCII.GetString(end >= 0 ? bytes[..end] : bytes);
        foreach (var line in text.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("X-Server-From", StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(colon + 1)..].Trim();
                return value.Length == 0 ? null : value.ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>A request line starts with an upper-case method token; anything else is not worth waiting on.</summary>
    private static bool CouldBeHttp(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == (byte)' ')
            {
                return true;
            }

            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        return true;
    }
}
