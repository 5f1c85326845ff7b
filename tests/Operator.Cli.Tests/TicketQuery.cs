using System.Text.Json;

namespace Operator.Cli.Tests;

/// <summary>Reads tickets through the CLI's JSON contract, as a user's script would.</summary>
internal static class TicketQuery
{
    public static async Task<List<JsonElement>> ListAsync(string stateDir, string status = "all")
    {
        var r = await OperatorCli.RunAsync(stateDir, "tickets", "list", "--status", status, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static async Task<JsonElement?> FindAsync(string stateDir, string invariant, string? node, string? status = null)
    {
        var all = await ListAsync(stateDir);
        foreach (var t in all)
        {
            if (t.GetProperty("invariant").GetString() == invariant
                && (node is null || t.GetProperty("node").GetString() == node)
                && (status is null || t.GetProperty("status").GetString() == status))
            {
                return t;
            }
        }

        return null;
    }
}
