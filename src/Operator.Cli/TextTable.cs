using System.Text;

namespace Operator.Cli;

/// <summary>A plain-text table: each column padded to its widest cell, two spaces apart; the last column is not padded.</summary>
internal static class TextTable
{
    public static void Append(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        void Row(IReadOnlyList<string> cells) =>
            sb.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        foreach (var row in rows)
        {
            Row(row);
        }
    }
}
