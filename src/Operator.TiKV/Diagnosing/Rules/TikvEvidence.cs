using System.Globalization;
using System.Text.Json;
using Operator.Core.Diagnosis;
using Operator.Core.Observing;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>
/// A <see cref="DiagnosisContext"/> digested once for all TiKV hypotheses: the node concerned (the ticket's, or the
/// single broken store for a cluster-wide ticket), its probe result now and at violation time, PD's view of it, its
/// Prometheus readings next to the other stores', and the log lines of the node and of its peers.
/// </summary>
public sealed class TikvEvidence
{
    private static readonly HashSet<string> AbnormalPdStates = new(StringComparer.OrdinalIgnoreCase) { "Disconnected", "Down", "Offline" };

    public TikvEvidence(DiagnosisContext context)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        ReadSnapshot(context.Ticket.Snapshot);
        Node = context.Ticket.Node ?? SingleBrokenStore(context.Now);
        Observed = Node is null ? null : context.Now.Node(Node);
        Error = Observed is { IsUp: false, Error: { } e } ? e : SnapshotError;
        PdState = Observed?.Fact(TikvReadings.PdStateName) ?? SnapshotPdState;
        Stores = context.Now.Nodes.Where(n => n.Role == TikvReadings.TikvRole).ToList();
        PdMembers = context.Now.Nodes.Where(n => n.Role == TikvReadings.PdRole).ToList();
    }

    public DiagnosisContext Context { get; }

    /// <summary>The node the diagnosis is about, or null when none stands out.</summary>
    public string? Node { get; }

    /// <summary>That node in the fresh observation.</summary>
    public NodeObservation? Observed { get; }

    public bool IsStore => Observed?.Role == TikvReadings.TikvRole || (Observed is null && Node?.StartsWith("store", StringComparison.Ordinal) == true);

    public bool IsPdMember => Observed?.Role == TikvReadings.PdRole;

    /// <summary>The node's probe failure: now if it still fails, else as recorded at violation time.</summary>
    public string? Error { get; }

    /// <summary>PD's state name for the store (Up, Disconnected, Down, Offline …), now or at violation time.</summary>
    public string? PdState { get; }

    public string? SnapshotError { get; private set; }

    public string? SnapshotState { get; private set; }

    public string? SnapshotPdState { get; private set; }

    public IReadOnlyList<NodeObservation> Stores { get; }

    public IReadOnlyList<NodeObservation> PdMembers { get; }

    public bool Refused => Error?.Contains("connection refused", StringComparison.OrdinalIgnoreCase) == true;

    public bool TimedOut => Error is { } e && (e.Contains("no answer within", StringComparison.OrdinalIgnoreCase)
        || e.Contains("timed out", StringComparison.OrdinalIgnoreCase) || e.Contains("timeout", StringComparison.OrdinalIgnoreCase));

    /// <summary>The node answers its probe in the fresh observation.</summary>
    public bool AnswersNow => Observed?.IsUp == true;

    /// <summary>PD calls the store Disconnected, Down or Offline.</summary>
    public bool PdSaysAbnormal => PdState is not null && AbnormalPdStates.Contains(PdState);

    public double? Metric(string name) => Observed?.Metric(name);

    /// <summary>The mean of a reading over the other serving stores, when at least one has it.</summary>
    public double? OthersMean(string name)
    {
        var values = Stores.Where(s => s.Name != Node && s.IsUp && s.Metric(name) is { } v && double.IsFinite(v)).Select(s => s.Metric(name)!.Value).ToList();
        return values.Count == 0 ? null : values.Average();
    }

    /// <summary>The node's own lines whose message contains any of <paramref name="messages"/>.</summary>
    public IReadOnlyList<LogLine> NodeLines(params string[] messages) =>
        Context.NodeLogs.Where(l => messages.Any(m => l.Message.Contains(m, StringComparison.Ordinal))).ToList();

    /// <summary>Other nodes' lines (already filtered to those mentioning this node) whose message contains any of <paramref name="messages"/>.</summary>
    public IReadOnlyList<LogLine> PeerLines(params string[] messages) =>
        Context.PeerLogs.Where(l => messages.Any(m => l.Message.Contains(m, StringComparison.Ordinal))).ToList();

    /// <summary>"store1 and store5 logged 'connection aborted' at 10:20:01".</summary>
    public static string Logged(IReadOnlyList<LogLine> lines)
    {
        var who = Names(lines.Select(l => l.Node));
        var messages = string.Join("', '", lines.Select(l => l.Message).Distinct(StringComparer.Ordinal).Take(2));
        var first = First(lines);
        return $"{who} logged '{messages}'{(first is { } at ? $" at {Clock(at)}" : string.Empty)}";
    }

    public static DateTimeOffset? First(IReadOnlyList<LogLine> lines) =>
        lines.Where(l => l.At is not null).Select(l => l.At!.Value).OrderBy(a => a).Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>"store1", "store1 and store5", "a, b and c".</summary>
    public static string Names(IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count switch
        {
            0 => "none",
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}",
        };
    }

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Ms(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.#} ms");

    public static string Percent(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:0.#} %");

    private static string? SingleBrokenStore(Observation now)
    {
        var broken = now.Nodes.Where(n => n.Role == TikvReadings.TikvRole
            && (!n.IsUp || (n.Fact(TikvReadings.PdStateName) is { } s && AbnormalPdStates.Contains(s)))).ToList();
        return broken.Count == 1 ? broken[0].Name : null;
    }

    private void ReadSnapshot(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            SnapshotError = Text(root, "error");
            SnapshotState = Text(root, "state");
            if (root.TryGetProperty("nodeFacts", out var facts) && facts.ValueKind == JsonValueKind.Object)
            {
                SnapshotPdState = Text(facts, TikvReadings.PdStateName);
            }
        }
        catch (JsonException)
        {
            // A snapshot that is not JSON carries nothing we can use.
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
