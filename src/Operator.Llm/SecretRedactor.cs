using System.Text.RegularExpressions;

namespace Operator.Llm;

/// <summary>
/// Removes credentials from text before it leaves the process: API keys (<c>sk-…</c>, <c>sk-ant-…</c>), bearer tokens,
/// passwords in URLs, <c>password=</c>/<c>token=</c>/<c>secret=</c> values, AWS access keys and secrets, and any
/// literal secrets it was given (such as the configured API key).
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _literals;

    /// <param name="knownSecrets">Exact values to mask wherever they appear (empty and very short values are ignored).</param>
    public SecretRedactor(IEnumerable<string?>? knownSecrets = null)
    {
        _literals = (knownSecrets ?? [])
            .Where(s => !string.IsNullOrWhiteSpace(s) && s.Length >= 6)
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = text;
        foreach (var literal in _literals)
        {
            result = result.Replace(literal, Mask, StringComparison.Ordinal);
        }

        result = UrlPassword().Replace(result, m => $"{m.Groups["scheme"].Value}{m.Groups["user"].Value}:{Mask}@");
        result = Bearer().Replace(result, m => $"{m.Groups["word"].Value} {Mask}");
        result = KeyValue().Replace(result, m => $"{m.Groups["key"].Value}{m.Groups["sep"].Value}{m.Groups["quote"].Value}{Mask}");
        result = ApiKey().Replace(result, Mask);
        result = AwsAccessKey().Replace(result, Mask);
        return result;
    }

    // scheme://user:password@host — keep the user so the reader still knows which account was used.
    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]*://)(?<user>[^:/?#@\s""']+):(?<pass>[^@/?#\s""']+)@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<word>\b[Bb]earer|\b[Bb]asic)\s+[A-Za-z0-9\-._~+/]+=*")]
    private static partial Regex Bearer();

    // password=…, "token": "…", secret: …, api_key=…, aws_secret_access_key = …
    [GeneratedRegex(@"(?<key>\b[A-Za-z0-9_\-]*(?:password|passwd|pwd|token|secret|api[_\-]?key|access[_\-]?key)[A-Za-z0-9_\-]*[""']?)(?<sep>\s*[=:]\s*)(?<quote>[""']?)(?<value>[^\s""'&,;}]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"\bsk-(?:ant-)?[A-Za-z0-9_\-]{8,}")]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsAccessKey();
}
