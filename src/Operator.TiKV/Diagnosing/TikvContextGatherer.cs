using System.Globalization;
using Operator.Core.Diagnosis;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.TiKV.Diagnosing;

/// <summary>
/// Collects the <see cref="DiagnosisContext"/> for a TiKV ticket: a fresh observation (PD's view, the probes,
/// Prometheus), the node's last log lines, and the other nodes' lines that mention it (its store id, its address, or
/// its name). Works without logs (an external cluster without <c>--log-dir</c>): those parts are then empty.
/// </summary>
public sealed class TikvContextGatherer : IContextGatherer
{
    private const int NodeLines = 50;
    private const int PeerLines = 50;
    private const int ReadLines = 400;

    private readonly ISubject _subject;
    private readonly ITikvLogSource _logs;

    public TikvContextGatherer(ISubject subject, ITikvLogSource logs)
    {
        _subject = subject ?? throw new ArgumentNullException(nameof(subject));
        _logs = logs ?? throw new ArgumentNullException(nameof(logs));
    }

    public async Task<DiagnosisContext> GatherAsync(Ticket ticket, IReadOnlyList<Ticket> similarTickets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(similarTickets);
        var now = await _subject.ObserveAsync(cancellationToken).ConfigureAwait(false);
        var addresses = StoreAddresses(now);
        var node = ticket.Node;
        var reads = now.Nodes.Select(n => n.Name).ToDictionary(
            n => n,
            n => _logs.TailAsync(n, ReadLines, addresses, cancellationToken),
            StringComparer.Ordinal);
        await Task.WhenAll(reads.Values).ConfigureAwait(false);
        var logs = reads.ToDictionary(kv => kv.Key, kv => kv.Value.Result, StringComparer.Ordinal);

        var nodeLogs = node is not null && logs.TryGetValue(node, out var own) ? own.TakeLast(NodeLines).ToList() : [];
        var peerLogs = node is null ? NotableFromAll(logs) : Mentioning(node, now, logs);
        return new DiagnosisContext(ticket, now, nodeLogs, peerLogs, null, ProcessState.Unknown, similarTickets.Take(3).ToList());
    }

    /// <summary>Store id → gRPC address, as PD reported them in this observation.</summary>
    public static IReadOnlyDictionary<long, string> StoreAddresses(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var map = new Dictionary<long, string>();
        foreach (var n in observation.Nodes.Where(n => n.Role == TikvReadings.TikvRole))
        {
            if (n.Metric(TikvReadings.StoreId) is { } id && n.Fact(TikvReadings.Address) is { } address)
            {
                map[(long)id] = address;
            }
        }

        return map;
    }

    // Cluster-wide tickets: what every node said lately at warn or above.
    private static List<LogLine> NotableFromAll(Dictionary<string, IReadOnlyList<LogLine>> logs) =>
        logs.Values
            .SelectMany(lines => lines.Where(l => l.Level is not ("info" or "debug" or "trace")))
            .OrderBy(l => l.At ?? DateTimeOffset.MaxValue)
            .TakeLast(PeerLines)
            .ToList();

    private static List<LogLine> Mentioning(string node, Observation now, Dictionary<string, IReadOnlyList<LogLine>> logs)
    {
        var observed = now.Node(node);
        var storeId = observed?.Metric(TikvReadings.StoreId) is { } id ? id.ToString("0", CultureInfo.InvariantCulture) : null;
        var address = observed?.Fact(TikvReadings.Address);
        var statusAddress = observed?.Fact(TikvReadings.StatusAddress);
        bool Mentions(LogLine l) =>
            (storeId is not null && (l.Fields.GetValueOrDefault("store_id") == storeId || l.Fields.GetValueOrDefault("unreachable_store_id") == storeId
                || l.Fields.GetValueOrDefault("store-id") == storeId || l.Message.Contains($"store {storeId}", StringComparison.Ordinal)))
            || (address is not null && (l.Fields.Values.Any(v => v.Contains(address, StringComparison.Ordinal)) || l.Message.Contains(address, StringComparison.Ordinal)))
            || (statusAddress is not null && l.Fields.Values.Any(v => v.Contains(statusAddress, StringComparison.Ordinal)))
            || l.Message.Contains(node, StringComparison.Ordinal);
        return logs
            .Where(kv => kv.Key != node)
            .SelectMany(kv => kv.Value.Where(Mentions))
            .OrderBy(l => l.At ?? DateTimeOffset.MaxValue)
            .TakeLast(PeerLines)
            .ToList();
    }
}
