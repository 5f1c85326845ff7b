namespace Operator.Core.Diagnosis;

/// <summary>One parsed log line of a node (zap JSON or captured stderr).</summary>
/// <param name="At">Timestamp from the line (UTC), when it had one.</param>
/// <param name="Node">The node whose log it is.</param>
/// <param name="Level">debug, info, warn, error, fatal… as logged.</param>
/// <param name="Message">The message (zap <c>msg</c>).</param>
/// <param name="Fields">Other fields (e.g. <c>remote-peer-id</c>, <c>error</c>).</param>
/// <param name="Source"><c>log</c> (structured file) or <c>stderr</c>.</param>
public sealed record LogLine(DateTimeOffset? At, string Node, string Level, string Message, IReadOnlyDictionary<string, string> Fields, string Source);
