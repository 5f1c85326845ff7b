namespace Operator.Core.Invariants;

/// <summary>How urgent a violation is.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}

/// <summary>Wire names of <see cref="Severity"/>.</summary>
public static class SeverityNames
{
    public static string ToWire(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "info": severity = Severity.Info; return true;
            case "warning": severity = Severity.Warning; return true;
            case "critical": severity = Severity.Critical; return true;
            default: severity = Severity.Warning; return false;
        }
    }
}
