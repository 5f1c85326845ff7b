using System.Text.Json;

namespace Operator.Core;

/// <summary>Reading the JSON config file (<c>&lt;state-dir&gt;/config.json</c>): comments and trailing commas allowed, one-line errors.</summary>
public static class ConfigFile
{
    /// <summary>The file's text, or null when it does not exist.</summary>
    public static string? ReadText(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new OperatorException($"read config {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Parses <paramref name="json"/>; <paramref name="source"/> names the file in errors.</summary>
    public static JsonDocument Parse(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new OperatorException($"{source} is not valid JSON ({ex.Message}); fix it or move it aside", ex);
        }
    }
}
