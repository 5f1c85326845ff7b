using System.Globalization;
using System.Text;
using Operator.Testing;
using Operator.TiKV.Logs;

namespace Operator.TiKV.Tests.Logs;

public sealed class LogFileTailTests : IDisposable
{
    private readonly TempStateDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Last_lines_of_a_4_GiB_file_are_read_from_its_end_only()
    {
        // A sparse file: 4 GiB of zeros (no line breaks) then 1,000 log lines. Reading it whole would take
        // minutes and gigabytes; the tail must cost only the lines asked for.
        var path = Path.Combine(_dir.Path, "tikv.log");
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(4L * 1024 * 1024 * 1024);
            stream.Seek(0, SeekOrigin.End);
            var text = new StringBuilder();
            text.Append('\n');
            for (var i = 0; i < 1000; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"[2026/01/25 10:20:{i % 60:00}.000 +00:00] [INFO] [raft.rs:1271] [\"became leader at term {i}\"] [term={i}] [region_id=2]\n");
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            await stream.WriteAsync(bytes);
        }

        var lines = await UnifiedLogParser.ReadTailAsync(path, maxLines: 200);

        Assert.Equal(200, lines.Count);
        Assert.Equal("became leader at term 800", lines[0].Message);
        Assert.Equal("became leader at term 999", lines[^1].Message);
    }

    [Fact]
    public async Task Whole_small_file_is_returned_when_it_has_fewer_lines_than_asked()
    {
        var path = Write("first\nsecond\n\nthird\r\nfourth");

        var lines = await LogFileTail.ReadLastLinesAsync(path, 100);

        Assert.Equal(["first", "second", "third", "fourth"], lines);
    }

    [Fact]
    public async Task Blank_lines_do_not_count_against_the_number_asked()
    {
        var path = Write("a\nb\n\n\nc\n\nd\n");

        var lines = await LogFileTail.ReadLastLinesAsync(path, 3);

        Assert.Equal(["b", "c", "d"], lines);
    }

    [Fact]
    public async Task Byte_cap_drops_the_line_it_cuts()
    {
        var path = Write("0123456789\nabc\ndef\n");

        // The last 12 bytes are "789\nabc\ndef\n": "789" is the end of a cut line.
        var lines = await LogFileTail.ReadLastLinesAsync(path, 10, maxBytes: 12);

        Assert.Equal(["abc", "def"], lines);
    }

    [Fact]
    public async Task One_line_longer_than_the_byte_cap_gives_nothing()
    {
        var path = Write(new string('x', 5000) + "\n");

        var lines = await LogFileTail.ReadLastLinesAsync(path, 10, maxBytes: 1000);

        Assert.Empty(lines);
    }

    [Fact]
    public async Task Lines_spanning_chunk_boundaries_come_back_whole()
    {
        var expected = Enumerable.Range(0, 5000).Select(i => $"line {i} " + new string((char)('a' + (i % 26)), i % 97)).ToList();
        var path = Write(string.Join('\n', expected) + "\n");

        var lines = await LogFileTail.ReadLastLinesAsync(path, 3000);

        Assert.Equal(expected.Skip(2000), lines);
    }

    [Fact]
    public async Task Missing_or_empty_file_gives_no_lines()
    {
        var empty = Write(string.Empty);

        Assert.Empty(await LogFileTail.ReadLastLinesAsync(Path.Combine(_dir.Path, "absent.log"), 10));
        Assert.Empty(await LogFileTail.ReadLastLinesAsync(empty, 10));
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N")[..8] + ".log");
        File.WriteAllText(path, text);
        return path;
    }
}
