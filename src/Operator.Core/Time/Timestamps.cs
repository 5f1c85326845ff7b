using System.Globalization;

namespace Operator.Core.Time;

/// <summary>The one timestamp format Operator writes everywhere: ISO-8601 UTC with milliseconds (<c>2026-11-24T10:31:07.412Z</c>).</summary>
public static class Timestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToWire(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToWire(DateTimeOffset? at) => at is { } v ? ToWire(v) : null;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Wall-clock time of day for heartbeat lines (<c>10:31:07.412</c>), in UTC.</summary>
    public static string TimeOfDay(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
