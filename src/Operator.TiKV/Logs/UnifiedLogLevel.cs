namespace Operator.TiKV.Logs;

/// <summary>Levels of the unified log format, most severe first (TiKV's slog levels and PD's zap levels).</summary>
public enum UnifiedLogLevel
{
    Fatal,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}
