using System.Text.Encodings.Web;
using System.Text.Json;

namespace Operator.Cli;

/// <summary>JSON output settings shared by every <c>--json</c> flag: camelCase names, indented, no HTML escaping.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
