using System.Globalization;
using System.Text;

namespace Operator.FakeTikv.Http;

/// <summary>
/// Reads HTTP/1.1 requests one after another from a connection (keep-alive and pipelining), with bodies given by
/// <c>Content-Length</c> or chunked transfer coding.
/// </summary>
internal sealed class HttpRequestReader
{
    private const int MaxHeadBytes = 64 * 1024;
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    public HttpRequestReader(Stream stream) => _stream = stream;

    /// <summary>The next request, or null when the client closed the connection between requests.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an HTTP/1.x request.</exception>
    public async Task<HttpRequest?> ReadAsync(CancellationToken cancellationToken)
    {
        var headEnd = await FindHeadEndAsync(cancellationToken);
        if (headEnd < 0)
        {
            return null;
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headEnd - _start);
        _start = headEnd + 4;
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"not an HTTP/1.x request line: {lines[0]}");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"malformed header line: {line}");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = await ReadBodyAsync(headers, cancellationToken);
        var target = requestLine[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = QueryParameters.Parse(question < 0 ? null : target[(question + 1)..]);
        var connection = headers.GetValueOrDefault("Connection") ?? "";
        var keepAlive = requestLine[2] == "HTTP/1.1"
            ? !connection.Contains("close", StringComparison.OrdinalIgnoreCase)
            : connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
        return new HttpRequest(requestLine[0], path, query, headers, body, keepAlive);
    }

    private async Task<int> FindHeadEndAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return _start + end;
            }

            if (_end - _start >= MaxHeadBytes)
            {
                throw new InvalidDataException("request head larger than 64 KiB");
            }

            if (!await FillAsync(cancellationToken))
            {
                if (_end > _start)
                {
                    throw new InvalidDataException("connection closed in the middle of a request head");
                }

                return -1;
            }
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(Dictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadChunkedAsync(cancellationToken);
        }

        if (!headers.TryGetValue("Content-Length", out var lengthText))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > MaxBodyBytes)
        {
            throw new InvalidDataException($"unusable Content-Length: {lengthText}");
        }

        return await ReadExactlyAsync(length, cancellationToken);
    }

    private async Task<ReadOnlyMemory<byte>> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken);
            var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var sizeText = semicolon < 0 ? sizeLine : sizeLine[..semicolon];
            if (!int.TryParse(sizeText.Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size)
                || body.Length + size > MaxBodyBytes)
            {
                throw new InvalidDataException($"bad chunk size line: {sizeLine}");
            }

            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                    // Trailers are ignored.
                }

                return body.ToArray();
            }

            body.Write((await ReadExactlyAsync(size, cancellationToken)).Span);
            if ((await ReadLineAsync(cancellationToken)).Length != 0)
            {
                throw new InvalidDataException("chunk not followed by CRLF");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, end);
                _start += end + 2;
                return line;
            }

            if (_end - _start >= MaxHeadBytes || !await FillAsync(cancellationToken))
            {
                throw new InvalidDataException("connection closed or line too long in a chunked body");
            }
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        var result = new byte[length];
        var copied = 0;
        while (copied < length)
        {
            if (_end == _start && !await FillAsync(cancellationToken))
            {
                throw new InvalidDataException("connection closed in the middle of a request body");
            }

            var take = Math.Min(length - copied, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(result.AsSpan(copied));
            _start += take;
            copied += take;
        }

        return result;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
