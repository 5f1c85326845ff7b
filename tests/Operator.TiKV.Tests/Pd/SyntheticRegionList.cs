using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Operator.TiKV.Tests.Pd;

/// <summary>
/// A region-check answer for any number of regions, generated as it is read, PD-style (2-space indentation,
/// fields in the encoder's order), without holding more than one region in memory. Region ids are 2, 4, 6, ….
/// </summary>
internal sealed class SyntheticRegionList : Stream
{
    private static readonly byte[] Separator = ",\n"u8.ToArray();

    private readonly long _regions;
    private readonly bool _countFirst;
    private readonly byte[] _scratch = new byte[2048];
    private int _scratchLength;
    private int _scratchOffset;
    private long _next;   // next region to generate; -1 before the head
    private bool _ended;

    /// <param name="countFirst">PD's order (<c>count</c> before <c>regions</c>); false puts the count last.</param>
    public SyntheticRegionList(long regions, bool countFirst)
    {
        _regions = regions;
        _countFirst = countFirst;
        _next = -1;
    }

    /// <summary>Bytes handed to the reader so far.</summary>
    public long BytesServed { get; private set; }

    /// <summary>The whole body's length, by generating it once into nothing.</summary>
    public static long BodyLength(long regions, bool countFirst)
    {
        using var stream = new SyntheticRegionList(regions, countFirst);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesServed;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_scratchOffset == _scratchLength && !Refill())
            {
                break;
            }

            var n = Math.Min(buffer.Length - written, _scratchLength - _scratchOffset);
            _scratch.AsSpan(_scratchOffset, n).CopyTo(buffer[written..]);
            _scratchOffset += n;
            written += n;
        }

        BytesServed += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Refill()
    {
        if (_ended)
        {
            return false;
        }

        _scratchOffset = 0;
        if (_next == -1)
        {
            _scratchLength = _countFirst
                ? Encoding.UTF8.GetBytes($"{{\n  \"count\": {_regions},\n  \"regions\": [\n", _scratch)
                : Encoding.UTF8.GetBytes("{\n  \"regions\": [\n", _scratch);
            _next = 0;
            return true;
        }

        if (_next == _regions)
        {
            _scratchLength = _countFirst
                ? Encoding.UTF8.GetBytes("\n  ]\n}\n", _scratch)
                : Encoding.UTF8.GetBytes($"\n  ],\n  \"count\": {_regions}\n}}\n", _scratch);
            _ended = true;
            return true;
        }

        var span = _scratch.AsSpan();
        var length = 0;
        if (_next > 0)
        {
            Separator.CopyTo(span);
            length = Separator.Length;
        }

        var id = (ulong)(_next + 1) * 2;
        length += Region(span[length..], id);
        _scratchLength = length;
        _next++;
        return true;
    }

    // The region template split at its numbers; formatted with Utf8Formatter, so no strings per region.
    private static readonly byte[][] Parts =
    [
        "    {\n      \"id\": "u8.ToArray(),
        ",\n      \"start_key\": \"7480000000000000FF"u8.ToArray(),
        "\",\n      \"end_key\": \"7480000000000000FF"u8.ToArray(),
        "\",\n      \"epoch\": {\n        \"conf_ver\": 5,\n        \"version\": 3\n      },\n      \"peers\": [\n        {\n          \"role_name\": \"Voter\",\n          \"id\": "u8.ToArray(),
        ",\n          \"store_id\": 1\n        },\n        {\n          \"role_name\": \"Voter\",\n          \"id\": "u8.ToArray(),
        ",\n          \"store_id\": 4\n        }\n      ],\n      \"leader\": {\n        \"role_name\": \"Voter\",\n        \"id\": "u8.ToArray(),
        ",\n        \"store_id\": 1\n      },\n      \"cpu_usage\": 0,\n      \"written_bytes\": 0,\n      \"read_bytes\": 0,\n      \"written_keys\": 0,\n      \"read_keys\": 0,\n      \"approximate_size\": 48,\n      \"approximate_keys\": 41230\n    }"u8.ToArray(),
    ];

    private static readonly StandardFormat Hex16 = new('X', 16);

    private static int Region(Span<byte> destination, ulong id)
    {
        var length = 0;
        Append(destination, ref length, Parts[0]);
        Number(destination, ref length, id, default);
        Append(destination, ref length, Parts[1]);
        Number(destination, ref length, id, Hex16);
        Append(destination, ref length, Parts[2]);
        Number(destination, ref length, id + 2, Hex16);
        Append(destination, ref length, Parts[3]);
        Number(destination, ref length, id + 1, default);
        Append(destination, ref length, Parts[4]);
        Number(destination, ref length, id + 3, default);
        Append(destination, ref length, Parts[5]);
        Number(destination, ref length, id + 1, default);
        Append(destination, ref length, Parts[6]);
        return length;
    }

    private static void Append(Span<byte> destination, ref int length, byte[] part)
    {
        part.CopyTo(destination[length..]);
        length += part.Length;
    }

    private static void Number(Span<byte> destination, ref int length, ulong value, StandardFormat format)
    {
        if (!Utf8Formatter.TryFormat(value, destination[length..], out var written, format))
        {
            throw new InvalidOperationException("region template does not fit the scratch buffer");
        }

        length += written;
    }
}
