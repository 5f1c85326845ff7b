using System.Buffers;
using System.Text.Json;

namespace Operator.TiKV.Pd;

/// <summary>
/// Reads a region-check answer (<c>{"count": n, "regions": [{"id": …}, …]}</c>) as it streams, through a small
/// buffer, keeping only the count and the first few region ids. It stops reading once it has PD's count and a full
/// sample, so the size of the list does not matter; without a count it counts the listed regions instead.
/// </summary>
internal sealed class PdRegionCheckReader
{
    // A single JSON token (a key, a number) must fit in the buffer; region keys are hex strings of a few KiB.
    private const int MaxTokenBytes = 16 * 1024 * 1024;

    private readonly int _sampleSize;
    private readonly List<ulong> _sample;
    private long? _count;
    private long _listed;
    private bool _started;
    private bool _complete;
    private bool _inRegions;
    private bool _sawRegions;
    private Expect _expect;

    private PdRegionCheckReader(int sampleSize)
    {
        _sampleSize = sampleSize;
        _sample = new List<ulong>(sampleSize);
    }

    private enum Expect
    {
        Nothing,
        Count,
        Regions,
        RegionId,
    }

    /// <summary>Done when the document ended, or when PD's count is known and the sample is full.</summary>
    private bool Done => _complete || (_count is not null && _sample.Count >= _sampleSize);

    /// <summary>Reads <paramref name="stream"/> until <see cref="Done"/>; throws <see cref="JsonException"/> for anything but the expected shape.</summary>
    public static async Task<PdRegionCheck> ReadAsync(Stream stream, PdRegionCheckKind kind, int sampleSize, int bufferBytes, CancellationToken cancellationToken)
    {
        var scan = new PdRegionCheckReader(sampleSize);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        try
        {
            var state = new JsonReaderState();
            var filled = 0;
            var final = false;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxTokenBytes)
                    {
                        throw new JsonException($"a JSON token is longer than {MaxTokenBytes} bytes");
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                final = read == 0;
                filled += read;

                var consumed = scan.Feed(buffer.AsSpan(0, filled), final, ref state);
                if (scan.Done || final)
                {
                    break;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }

            return scan.Result(kind);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private PdRegionCheck Result(PdRegionCheckKind kind)
    {
        if (_count is null && !_sawRegions)
        {
            throw new JsonException("the answer has neither count nor regions");
        }

        return new PdRegionCheck(kind, _count ?? _listed, [.. _sample]);
    }

    // Returns the bytes consumed; the rest (a token cut by the buffer's end) is fed again with more data.
    private int Feed(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (!Done && reader.Read())
        {
            Take(ref reader);
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    // Depths: 0 the answer object, 1 its properties (and the regions array), 2 a region, 3 a region's properties.
    private void Take(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var expect = _expect;
        _expect = Expect.Nothing;
        if (!_started)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("the answer is not a JSON object");
            }

            _started = true;
            return;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName when depth == 1:
                _expect = reader.ValueTextEquals("count"u8) ? Expect.Count : reader.ValueTextEquals("regions"u8) ? Expect.Regions : Expect.Nothing;
                return;
            case JsonTokenType.PropertyName when _inRegions && depth == 3:
                _expect = reader.ValueTextEquals("id"u8) ? Expect.RegionId : Expect.Nothing;
                return;
            case JsonTokenType.EndObject when depth == 0:
                _complete = true;
                return;
            default:
                break;
        }

        switch (expect)
        {
            case Expect.Count:
                _count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count) && count >= 0
                    ? count
                    : throw new JsonException("count is not a non-negative integer");
                return;
            case Expect.Regions:
                _sawRegions = true;
                _inRegions = reader.TokenType switch
                {
                    JsonTokenType.StartArray => true,
                    JsonTokenType.Null => false,
                    _ => throw new JsonException("regions is not an array"),
                };
                return;
            case Expect.RegionId:
                var id = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var value)
                    ? value
                    : throw new JsonException($"the id of region #{_listed} is not an unsigned integer");
                if (_sample.Count < _sampleSize)
                {
                    _sample.Add(id);
                }

                return;
            default:
                break;
        }

        if (_inRegions)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when depth == 2:
                    _listed++;
                    break;
                case JsonTokenType.EndArray when depth == 1:
                    _inRegions = false;
                    break;
                case not (JsonTokenType.StartObject or JsonTokenType.EndObject) when depth == 2:
                    throw new JsonException($"region #{_listed} is not an object");
                default:
                    break;
            }
        }
    }
}
