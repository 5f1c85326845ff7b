using Operator.Core.Http;

namespace Operator.TiKV.Pd;

/// <summary>Settings for <see cref="PdClient"/>.</summary>
public sealed record PdClientOptions
{
    public HttpTransportOptions Transport { get; init; } = new();

    /// <summary>Largest JSON answer accepted (region checks stream and have no limit); anything bigger is garbage.</summary>
    public int MaxJsonBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many region ids a region check keeps as a sample.</summary>
    public int RegionSampleSize { get; init; } = 5;

    /// <summary>Read buffer for streamed region checks.</summary>
    public int StreamBufferBytes { get; init; } = 16 * 1024;
}
