using System.Globalization;

namespace Operator.FakeTikv.Wire;

/// <summary>Timestamps as Go's JSON encoder writes them (RFC 3339, fraction without trailing zeros) and as Unix numbers.</summary>
public static class GoTime
{
    /// <summary><c>2026-01-25T10:15:31.4567891Z</c>; <c>2026-01-25T10:00:02Z</c> when the fraction is zero.</summary>
    public static string Rfc3339Nano(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static long UnixNanoseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public static long UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds();

    /// <summary>Whole seconds since the epoch, as <c>time.Unix(s, 0)</c> keeps them (PD's store start time).</summary>
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
}
