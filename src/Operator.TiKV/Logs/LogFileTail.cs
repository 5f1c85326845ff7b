using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Operator.TiKV.Logs;

/// <summary>
/// The last lines of a log file, read backwards from its end in chunks: a multi-gigabyte TiKV log costs as much as
/// the lines asked for, never the whole file.
/// </summary>
public static class LogFileTail
{
    /// <summary>Most bytes read from the end by default: a safety cap against one enormous line.</summary>
    public const long DefaultMaxBytes = 4 * 1024 * 1024;

    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Up to <paramref name="maxLines"/> last non-empty lines, oldest first, taken from at most the last
    /// <paramref name="maxBytes"/> bytes (a line cut by that limit is dropped). A final line without a newline is
    /// kept. Empty when the file is missing or unreadable.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadLastLinesAsync(
        string path,
        int maxLines,
        long maxBytes = DefaultMaxBytes,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            var start = await FindStartAsync(handle, length, maxLines, maxBytes, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[length - start];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), start + read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break; // truncated meanwhile
                }

                read += n;
            }

            var lines = new List<string>();
            foreach (var line in Encoding.UTF8.GetString(buffer, 0, read).Split('\n'))
            {
                var trimmed = line.TrimEnd('\r');
                if (trimmed.Length > 0)
                {
                    lines.Add(trimmed);
                }
            }

            return lines.Count <= maxLines ? lines : lines.GetRange(lines.Count - maxLines, maxLines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return [];
        }
    }

    // Offset of the first byte of the earliest wanted line: scans backwards for the line breaks that start the last
    // maxLines non-empty lines, stopping at the start of the file or at the byte cap (then after the first break
    // found, so the cut line is dropped; past the end of the file when there is none).
    private static async Task<long> FindStartAsync(SafeFileHandle handle, long length, int maxLines, long maxBytes, CancellationToken cancellationToken)
    {
        var floor = Math.Max(0, length - maxBytes);
        var buffer = new byte[(int)Math.Min(ChunkBytes, Math.Max(1, length - floor))];
        var pos = length;
        int? next = null; // the byte after the one being looked at
        var found = 0;
        var earliestBreak = -1L;
        while (pos > floor)
        {
            var size = (int)Math.Min(buffer.Length, pos - floor);
            pos -= size;
            var read = 0;
            while (read < size)
            {
                var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read, size - read), pos + read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return length; // truncated meanwhile: nothing reliable to return
                }

                read += n;
            }

            for (var i = size - 1; i >= 0; i--)
            {
                if (buffer[i] == (byte)'\n')
                {
                    earliestBreak = pos + i;
                    if (next is { } b && b != '\n' && ++found == maxLines)
                    {
                        return earliestBreak + 1;
                    }
                }

                next = buffer[i];
            }
        }

        if (floor == 0)
        {
            return 0;
        }

        return earliestBreak >= 0 ? earliestBreak + 1 : length;
    }
}
