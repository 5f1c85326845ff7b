using System.Globalization;

namespace Operator.FakeTikv.Wire;

/// <summary>
/// Byte sizes as PD writes them (docker/go-units <c>BytesSize</c>: binary units, <c>%.4g</c>, no space):
/// <c>0B</c>, <c>512MiB</c>, <c>96.52MiB</c>, <c>1.598TiB</c>.
/// </summary>
public static class GoUnits
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    public static string BytesSize(double bytes)
    {
        var unit = 0;
        while (bytes >= 1024 && unit < Units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString("G4", CultureInfo.InvariantCulture) + Units[unit];
    }
}
