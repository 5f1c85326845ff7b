using System.Globalization;
using System.Text;

namespace Operator.FakeTikv.Wire;

/// <summary>Go's <c>time.Duration.String()</c>: <c>30m0s</c>, <c>1h0m0s</c>, <c>15m29.4567891s</c>, <c>10ms</c>, <c>0s</c>.</summary>
public static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        var nanos = (decimal)duration.Ticks * 100;
        if (nanos == 0)
        {
            return "0s";
        }

        var sign = nanos < 0 ? "-" : "";
        nanos = Math.Abs(nanos);
        if (nanos < 1_000_000_000)
        {
            var (scaled, unit) = nanos switch
            {
                < 1_000 => (nanos, "ns"),
                < 1_000_000 => (nanos / 1_000, "µs"),
                _ => (nanos / 1_000_000, "ms"),
            };
            return sign + scaled.ToString("0.#########", CultureInfo.InvariantCulture) + unit;
        }

        var text = new StringBuilder(sign);
        var hours = Math.Floor(nanos / 3_600_000_000_000m);
        var minutes = Math.Floor((nanos - hours * 3_600_000_000_000m) / 60_000_000_000m);
        var seconds = (nanos - hours * 3_600_000_000_000m - minutes * 60_000_000_000m) / 1_000_000_000m;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        text.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}
