namespace Operator.Cli.Tests;

/// <summary>Assertions on what a CLI run printed.</summary>
internal static class CliAssert
{
    /// <summary>A non-zero exit and exactly one stderr line, <c>operator: …</c>, containing <paramref name="expected"/>; no stack trace.</summary>
    public static void OneLineError(CliResult r, string expected)
    {
        Assert.True(r.ExitCode != 0, r.ToString());
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, r.ToString());
        Assert.StartsWith("operator: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
