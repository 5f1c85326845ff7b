using System.Text.Json;
using Operator.Core;

namespace Operator.TiKV.Deployment;

/// <summary>One container of the deployment as <c>docker compose ps --format json</c> reports it.</summary>
/// <param name="Service">Compose service (<c>tikv1</c>).</param>
/// <param name="Container">Container name (<c>operator-tikv-tikv1-1</c>).</param>
/// <param name="State"><c>running</c>, <c>exited</c>, <c>restarting</c>, <c>paused</c>, <c>created</c>, <c>dead</c>.</param>
/// <param name="Health"><c>healthy</c>, <c>unhealthy</c>, <c>starting</c>, or empty without a health check.</param>
/// <param name="ExitCode">The last exit code (137 after <c>docker kill</c>).</param>
/// <param name="Status">Docker's own summary (<c>Up 5 minutes (healthy)</c>, <c>Exited (137) 3 seconds ago</c>).</param>
public sealed record ComposeServiceStatus(string Service, string Container, string State, string Health, int ExitCode, string Status)
{
    public bool IsRunning => State == "running";

    /// <summary>
    /// Parses the output of <c>docker compose ps --format json</c>: one JSON object per line (Compose ≥ 2.21) or one
    /// JSON array (earlier 2.x).
    /// </summary>
    /// <exception cref="OperatorException">The output is not that JSON.</exception>
    public static IReadOnlyList<ComposeServiceStatus> ParseAll(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var statuses = new List<ComposeServiceStatus>();
        try
        {
            var trimmed = output.Trim();
            if (trimmed.StartsWith('['))
            {
                using var doc = JsonDocument.Parse(trimmed);
                foreach (var element in doc.RootElement.EnumerateArray())
                {
                    statuses.Add(From(element));
                }

                return statuses;
            }

            foreach (var line in trimmed.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                using var doc = JsonDocument.Parse(line);
                statuses.Add(From(doc.RootElement));
            }

            return statuses;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            var flat = output.Trim().ReplaceLineEndings(" ");
            var sample = flat.Length <= 80 ? flat : flat[..77] + "...";
            throw new OperatorException($"read `docker compose ps --format json`: its output is not compose's JSON ({e.Message.ReplaceLineEndings(" ")}): {sample}", e);
        }
    }

    private static ComposeServiceStatus From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"expected an object per container, got {element.ValueKind}");
        }

        return new ComposeServiceStatus(
            Text(element, "Service"),
            Text(element, "Name"),
            Text(element, "State"),
            Text(element, "Health"),
            element.TryGetProperty("ExitCode", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var c) ? c : 0,
            Text(element, "Status"));
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
