namespace Operator.Workload;

/// <summary>
/// YCSB's scrambled zipfian: a zipfian rank over a huge item space (10^10 items, θ = 0.99) is hashed (64-bit
/// FNV-1a) into [0, items). The skew survives — a few records take most of the traffic — but the popular records
/// are scattered over the key space instead of being its first keys.
/// </summary>
public sealed class ScrambledZipfianGenerator
{
    internal const long ItemSpace = 10_000_000_000;

    /// <summary>ζ(10^10, 0.99), the constant YCSB publishes; summing 10^10 terms at start-up would take minutes.</summary>
    internal const double ItemSpaceZeta = 26.46902820178302;

    private const ulong FnvOffsetBasis = 0xCBF29CE484222325;
    private const ulong FnvPrime = 0x100000001B3;

    private readonly ZipfianGenerator _zipfian = new(ItemSpace, ZipfianGenerator.DefaultTheta, ItemSpaceZeta);

    public ScrambledZipfianGenerator(long items)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        Items = items;
    }

    public long Items { get; }

    /// <summary>A record number in [0, items).</summary>
    public long Next(Random random) => (long)(Fnv1a64(_zipfian.Next(random)) % (ulong)Items);

    /// <summary>64-bit FNV-1a over the value's eight bytes, least significant first.</summary>
    internal static ulong Fnv1a64(long value)
    {
        var hash = FnvOffsetBasis;
        var v = (ulong)value;
        for (var i = 0; i < 8; i++)
        {
            hash ^= v & 0xFF;
            hash *= FnvPrime;
            v >>= 8;
        }

        return hash;
    }
}
