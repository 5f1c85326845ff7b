using System.Globalization;

namespace Operator.Workload;

/// <summary>The keys a workload touches: <c>/operator-load/user000123</c> for record numbers 0 … records−1.</summary>
public sealed class KeySpace
{
    public const string DefaultPrefix = "/operator-load/";

    private readonly string _format;

    public KeySpace(int records, string prefix = DefaultPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        ArgumentNullException.ThrowIfNull(prefix);
        Records = records;
        Prefix = prefix;
        var digits = (records - 1).ToString(CultureInfo.InvariantCulture).Length;
        _format = "D" + Math.Max(6, digits).ToString(CultureInfo.InvariantCulture);
    }

    public int Records { get; }

    public string Prefix { get; }

    /// <summary>The key of one record; equal-width numbers so keys sort in record order.</summary>
    public string Key(long record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(record);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(record, Records);
        return string.Concat(Prefix, "user", record.ToString(_format, CultureInfo.InvariantCulture));
    }
}
