using Operator.Core.Diagnosis;

namespace Operator.TiKV.Logs;

/// <summary>
/// A log line that is evidence of something, with the fields diagnosis rules read already pulled out. The parsed
/// line (and its <see cref="UnifiedLogLine.Raw"/> text) stays attached for citation.
/// </summary>
/// <param name="Kind">What it is evidence of.</param>
/// <param name="Node">The Operator node that logged it (<c>store4</c>, <c>pd0</c>).</param>
/// <param name="Line">The parsed line.</param>
/// <param name="RegionId"><c>region_id</c> (or PD's <c>region-id</c>, or a <c>[region N]</c> message prefix).</param>
/// <param name="StoreId">
/// The store the line is about: the peer store for peer connection events (<c>unreachable_store_id</c> for
/// <c>broadcasting unreachable</c>), PD's <c>store-id</c> for store state and operator lines, else <c>store_id</c>
/// or a <c>[store N]</c> message prefix.
/// </param>
/// <param name="Address"><c>addr</c> (or PD's <c>store-address</c>).</param>
/// <param name="Term">The raft term, from <c>term</c> or the message.</param>
/// <param name="TakesMs">Duration of a slow operation in milliseconds (<c>takes</c>).</param>
/// <param name="Error">
/// <c>err</c> or <c>error</c>, else a <c>receiver_err</c>/<c>sink_error</c> other than <c>None</c>.
/// </param>
public sealed record TikvLogEvent(
    TikvLogEventKind Kind,
    string Node,
    UnifiedLogLine Line,
    long? RegionId,
    long? StoreId,
    string? Address,
    long? Term,
    double? TakesMs,
    string? Error)
{
    /// <summary>When it was logged.</summary>
    public DateTimeOffset At => Line.At;

    /// <summary>The line as Core evidence for the diagnosis context and the LLM prompt.</summary>
    public LogLine ToLogLine(string source = UnifiedLogLine.LogSource) => Line.ToLogLine(Node, source);
}
