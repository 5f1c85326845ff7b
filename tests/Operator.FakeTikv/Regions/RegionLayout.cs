using System.Globalization;
using System.Text;

namespace Operator.FakeTikv.Regions;

/// <summary>
/// Where every region is, computed from its index instead of stored, so a million regions cost no memory: ids (region
/// id then its peer ids, from one allocator, like PD), keys (<c>user</c> + 19 digits, in key order), replicas on
/// consecutive stores, leaders spread evenly, sizes between 64 and 96 MiB.
/// </summary>
public sealed class RegionLayout
{
    /// <summary>Ids per region: the region's own and up to four peers.</summary>
    public const int IdStride = 5;

    private const ulong KeyBase = 1_000_000_000_000_000_000;
    private const ulong KeySpan = 8_999_999_999_999_999_999;
    private static readonly byte[] KeyPrefix = "user"u8.ToArray();

    private readonly ulong _keyStep;

    public RegionLayout(long count, int storeCount, ulong firstId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(storeCount, 1);
        Count = count;
        StoreCount = storeCount;
        FirstId = firstId;
        _keyStep = KeySpan / (ulong)count;
    }

    public long Count { get; }

    public int StoreCount { get; }

    /// <summary>Id of the first region; the others follow every <see cref="IdStride"/>.</summary>
    public ulong FirstId { get; }

    /// <summary>max-replicas: 3, or fewer when there are fewer stores (as a playground cluster is configured).</summary>
    public int Replicas => Math.Min(3, StoreCount);

    public ulong IdAt(long index) => FirstId + ((ulong)index * IdStride);

    public bool TryIndexOf(ulong id, out long index)
    {
        index = -1;
        if (id < FirstId || (id - FirstId) % IdStride != 0)
        {
            return false;
        }

        var candidate = (id - FirstId) / IdStride;
        if (candidate >= (ulong)Count)
        {
            return false;
        }

        index = (long)candidate;
        return true;
    }

    /// <summary>Peer id of replica <paramref name="replica"/> (0–3) of a region.</summary>
    public ulong PeerId(long index, int replica) => IdAt(index) + 1 + (ulong)replica;

    /// <summary>Store index (not id) holding replica <paramref name="replica"/>; replica 3 is an extra peer's place.</summary>
    public int StoreIndexOf(long index, int replica) => (int)((index + replica) % StoreCount);

    /// <summary>Which replica leads, when every store is healthy.</summary>
    public int NominalLeader(long index) => (int)(index / StoreCount % Replicas);

    /// <summary>Raw start key: empty for the first region.</summary>
    public byte[] StartKey(long index) => index == 0 ? [] : KeyAt(index);

    /// <summary>Raw end key: empty for the last region.</summary>
    public byte[] EndKey(long index) => index == Count - 1 ? [] : KeyAt(index + 1);

    public int ApproximateSizeMiB(long index) => 64 + (int)(Mix(index) % 33);

    public long ApproximateKeys(long index) => (ApproximateSizeMiB(index) * 10_000L) + (long)((Mix(index) >> 48) % 9_973);

    public ulong ConfVer(long index) => 5 + (Mix(index) >> 8) % 4;

    public ulong Version(long index) => 3 + (ulong)(index % 97);

    public ulong WrittenBytes(long index) => (Mix(index) >> 16) % (4UL << 20);

    public ulong ReadBytes(long index) => (Mix(index) >> 24) % (8UL << 20);

    /// <summary>The index of the region whose range holds <paramref name="key"/> (raw bytes).</summary>
    public long IndexContaining(ReadOnlySpan<byte> key)
    {
        // The greatest index whose start key is <= key; start keys grow with the index.
        long low = 0, high = Count - 1;
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (KeyAt(mid).AsSpan().SequenceCompareTo(key) <= 0)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>Keys as PD writes them in JSON: upper-case hex of the raw bytes.</summary>
    public static string Hex(byte[] key) => Convert.ToHexString(key);

    private byte[] KeyAt(long index)
    {
        var number = KeyBase + ((ulong)index * _keyStep);
        var digits = number.ToString("D19", CultureInfo.InvariantCulture);
        var key = new byte[KeyPrefix.Length + digits.Length];
        KeyPrefix.CopyTo(key, 0);
        Encoding.ASCII.GetBytes(digits, key.AsSpan(KeyPrefix.Length));
        return key;
    }

    // SplitMix64: a cheap, well-spread hash so sizes and traffic look irregular yet stay deterministic.
    private static ulong Mix(long index)
    {
        var z = (ulong)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
