using System.Globalization;
using System.Text.RegularExpressions;

namespace Operator.TiKV.Logs;

/// <summary>
/// Turns parsed TiKV and PD log lines into <see cref="TikvLogEvent"/>s by their message text (exact at v8.5.5; see
/// the reference's §4.2). Lines that are not evidence of anything give null.
/// </summary>
public static partial class TikvLogClassifier
{
    private static readonly Dictionary<string, TikvLogEventKind> ExactMessages = new(StringComparer.Ordinal)
    {
        ["starting a new election"] = TikvLogEventKind.ElectionStarted,
        ["transfer leader"] = TikvLogEventKind.TransferLeader,
        ["try to transfer leader"] = TikvLogEventKind.TransferLeader,
        ["propose transfer leader command"] = TikvLogEventKind.TransferLeader,
        ["reject to transfer leader"] = TikvLogEventKind.TransferLeaderRejected,
        ["leader missing longer than abnormal_leader_missing_duration"] = TikvLogEventKind.LeaderMissing,
        ["start sending snapshot"] = TikvLogEventKind.SnapshotSending,
        ["sent snapshot"] = TikvLogEventKind.SnapshotSent,
        ["begin to apply snapshot"] = TikvLogEventKind.SnapshotApplying,
        ["apply snapshot with state ok"] = TikvLogEventKind.SnapshotApplied,
        ["scheduling store_heartbeat timeout, force report store slow score to pd."] = TikvLogEventKind.SlowScoreForced,
        ["store heartbeat failed"] = TikvLogEventKind.PdHeartbeatFailed,
        ["failed to send heartbeat"] = TikvLogEventKind.PdHeartbeatFailed,
        ["connect failed"] = TikvLogEventKind.PdUnreachable,
        ["reconnect failed"] = TikvLogEventKind.PdUnreachable,
        ["connect pd failed"] = TikvLogEventKind.PdUnreachable,
        ["connection aborted"] = TikvLogEventKind.PeerUnreachable,
        ["connection abort"] = TikvLogEventKind.PeerUnreachable,
        ["wait connect timeout"] = TikvLogEventKind.PeerUnreachable,
        ["resolve store address failed"] = TikvLogEventKind.PeerUnreachable,
        ["broadcasting unreachable"] = TikvLogEventKind.PeerUnreachable,
        ["connection established"] = TikvLogEventKind.PeerConnected,
        ["campaign PD leader ok"] = TikvLogEventKind.PdLeaderElected,
        ["PD leader is ready to serve"] = TikvLogEventKind.PdLeaderReady,
        ["exit PD leader"] = TikvLogEventKind.PdLeaderLost,
        ["etcd leader changed, resigns pd leadership"] = TikvLogEventKind.PdLeaderLost,
        ["store has been offline"] = TikvLogEventKind.StoreOffline,
        ["store has been up"] = TikvLogEventKind.StoreUp,
        ["store has been Tombstone"] = TikvLogEventKind.StoreTombstone,
        ["store has changed to serving"] = TikvLogEventKind.StoreServing,
        ["add operator"] = TikvLogEventKind.OperatorAdded,
        ["operator finish"] = TikvLogEventKind.OperatorFinished,
        ["operator timeout"] = TikvLogEventKind.OperatorTimedOut,
        ["operator canceled"] = TikvLogEventKind.OperatorCanceled,
        ["replace old operator"] = TikvLogEventKind.OperatorReplaced,
    };

    /// <summary>The event a line is evidence of, or null.</summary>
    /// <param name="line">A parsed line.</param>
    /// <param name="node">The Operator node whose log it is.</param>
    public static TikvLogEvent? Classify(UnifiedLogLine line, string node)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(node);
        long? term = null;
        TikvLogEventKind kind;
        if (ExactMessages.TryGetValue(line.Message, out var exact))
        {
            kind = exact;
        }
        else if (RaftRole().Match(line.Message) is { Success: true } role)
        {
            kind = role.Groups["role"].Value switch
            {
                "leader" => TikvLogEventKind.BecameLeader,
                "follower" => TikvLogEventKind.BecameFollower,
                _ => TikvLogEventKind.BecameCandidate,
            };
            term = ParseId(role.Groups["term"].Value);
        }
        else if (HigherTerm().IsMatch(line.Message))
        {
            kind = TikvLogEventKind.HigherTermReceived;
        }
        else if (RaftTransfer().Match(line.Message) is { Success: true } transfer)
        {
            kind = TikvLogEventKind.TransferLeader;
            term = ParseId(transfer.Groups["term"].Value);
        }
        else if (line.Level == UnifiedLogLevel.Warn && ParseMilliseconds(line.Field("takes")) is not null)
        {
            kind = TikvLogEventKind.SlowOperation;
        }
        else
        {
            return null;
        }

        return new TikvLogEvent(
            kind,
            node,
            line,
            RegionIdOf(line),
            StoreIdOf(kind, line),
            line.Field("addr") ?? line.Field("store-address"),
            ParseId(line.Field("term")) ?? term,
            ParseMilliseconds(line.Field("takes")),
            ErrorOf(line));
    }

    /// <summary>The events among <paramref name="lines"/>, in order.</summary>
    public static IReadOnlyList<TikvLogEvent> ClassifyAll(IEnumerable<UnifiedLogLine> lines, string node)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var events = new List<TikvLogEvent>();
        foreach (var line in lines)
        {
            if (Classify(line, node) is { } e)
            {
                events.Add(e);
            }
        }

        return events;
    }

    /// <summary>
    /// A duration in milliseconds: TiKV's <c>takes</c> is a bare number of milliseconds; values with a unit
    /// (<c>1.2s</c>, <c>850ms</c>, <c>40µs</c>, <c>7ns</c>) are converted. Null when it is not a duration.
    /// </summary>
    public static double? ParseMilliseconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Duration().Match(text.Trim());
        if (!match.Success
            || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            || double.IsNaN(n) || double.IsInfinity(n) || n < 0)
        {
            return null;
        }

        return match.Groups["unit"].Value switch
        {
            "" or "ms" => n,
            "s" => n * 1000,
            "us" or "µs" or "μs" => n / 1000,
            "ns" => n / 1_000_000,
            _ => null,
        };
    }

    private static long? RegionIdOf(UnifiedLogLine line) =>
        ParseId(line.Field("region_id")) ?? ParseId(line.Field("region-id")) ?? PrefixId(line.Message, "region");

    private static long? StoreIdOf(TikvLogEventKind kind, UnifiedLogLine line)
    {
        var pdStoreId = ParseId(line.Field("store-id"));
        var storeId = ParseId(line.Field("store_id"));
        return kind switch
        {
            // store_id on this line is the logging store itself; the peer is unreachable_store_id.
            TikvLogEventKind.PeerUnreachable => ParseId(line.Field("unreachable_store_id")) ?? storeId,
            _ => pdStoreId ?? storeId ?? PrefixId(line.Message, "store"),
        };
    }

    private static string? ErrorOf(UnifiedLogLine line)
    {
        foreach (var key in (ReadOnlySpan<string>)["err", "error", "receiver_err", "sink_error"])
        {
            if (line.Field(key) is { Length: > 0 } value && value != "None")
            {
                return value;
            }
        }

        return null;
    }

    private static long? ParseId(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    // "[region 2] 3 handle ready …", "[store 1] handle tick …": slow_log! and raftstore tags.
    private static long? PrefixId(string message, string what)
    {
        var match = Tag().Match(message);
        return match.Success && match.Groups["what"].Value == what ? ParseId(match.Groups["id"].Value) : null;
    }

    [GeneratedRegex(@"^became (?<role>leader|follower|candidate|pre-candidate) at term (?<term>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RaftRole();

    [GeneratedRegex(@"^received a message with higher term from \d+$", RegexOptions.CultureInvariant)]
    private static partial Regex HigherTerm();

    [GeneratedRegex(@"^\[term (?<term>\d+)\] (?:starts to transfer leadership to \d+|received MsgTimeoutNow from \d+ and starts an election to get leadership\.)$", RegexOptions.CultureInvariant)]
    private static partial Regex RaftTransfer();

    [GeneratedRegex(@"^\[(?<what>region|store) (?<id>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<unit>|ms|s|us|µs|μs|ns)$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
