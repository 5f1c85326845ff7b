using System.Globalization;
using Operator.Core.Diagnosis;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Core.Tickets;
using Operator.Etcd.Local;

namespace Operator.Etcd.Diagnosing;

/// <summary>
/// Collects the <see cref="DiagnosisContext"/> for an etcd ticket: a fresh observation, the affected node's last log
/// lines, peers' lines that mention it (by name, hex member id or peer/client address), and its process state.
/// Works without any log files or pids (an external cluster): those parts are then empty or unknown.
/// </summary>
public sealed class EtcdContextGatherer : IContextGatherer
{
    private readonly ISubject _subject;
    private readonly Func<IReadOnlyList<EtcdNodeFiles>> _files;
    private readonly EtcdContextGathererOptions _options;
    private readonly Dictionary<string, string> _memberIds = new(StringComparer.Ordinal);

    /// <param name="subject">Observes the cluster now (an <see cref="Observing.EtcdSubject"/>).</param>
    /// <param name="files">Read at every gather, so restarted members' new pids are seen; return empty for an external cluster.</param>
    /// <param name="options">How much to read.</param>
    public EtcdContextGatherer(ISubject subject, Func<IReadOnlyList<EtcdNodeFiles>> files, EtcdContextGathererOptions? options = null)
    {
        _subject = subject ?? throw new ArgumentNullException(nameof(subject));
        _files = files ?? throw new ArgumentNullException(nameof(files));
        _options = options ?? new EtcdContextGathererOptions();
    }

    /// <summary>A gatherer over a local cluster's recorded members.</summary>
    public static EtcdContextGatherer ForLocal(LocalEtcdCluster cluster, ISubject subject, EtcdContextGathererOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new EtcdContextGatherer(subject, () => cluster.Nodes().Select(EtcdNodeFiles.From).ToList(), options);
    }

    /// <summary>A gatherer for a cluster whose logs and processes Operator cannot see.</summary>
    public static EtcdContextGatherer ForExternal(ISubject subject, EtcdContextGathererOptions? options = null) =>
        new(subject, () => [], options);

    public async Task<DiagnosisContext> GatherAsync(Ticket ticket, IReadOnlyList<Ticket> similarTickets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = await _subject.ObserveAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<EtcdNodeFiles> files;
        try
        {
            files = _files();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Core.OperatorException)
        {
            files = []; // the state dir went away: diagnose from the observation alone
        }

        RememberMemberIds(now);
        var logs = files.ToDictionary(f => f.Name, ReadLogs, StringComparer.Ordinal);
        var node = ticket.Node;
        var nodeLogs = node is not null && logs.TryGetValue(node, out var ownLogs) ? ownLogs.TakeLast(_options.NodeLines).ToList() : [];
        var peerLogs = node is null
            ? RecentFromAll(logs)
            : MentioningNode(node, files, logs);

        var observed = node is null ? null : now.Node(node);
        var own = node is null ? null : files.FirstOrDefault(f => f.Name == node);
        var pid = own?.Pid ?? observed?.Pid;
        var process = own is { Pid: not null, State: not ProcessState.Unknown }
            ? own.State // the deployment verified the pid is this member's etcd
            : pid is { } p ? ProcessInspector.Inspect(p, _options.ProcessName) : ProcessState.Unknown;
        return new DiagnosisContext(ticket, now, nodeLogs, peerLogs, pid, process, similarTickets.Take(3).ToList());
    }

    private List<LogLine> ReadLogs(EtcdNodeFiles files)
    {
        var lines = new List<LogLine>();
        if (files.LogFile is { } log)
        {
            lines.AddRange(ZapLogParser.ReadZapTail(log, files.Name, _options.TailBytes));
        }

        if (files.StderrFile is { } stderr)
        {
            lines.AddRange(ZapLogParser.ReadStderrTail(stderr, files.Name, _options.TailBytes));
        }

        // Stable by time; lines without a time (raw stderr) keep their place at the end of their file.
        return lines.Select((l, i) => (Line: l, Index: i))
            .OrderBy(x => x.Line.At ?? DateTimeOffset.MaxValue)
            .ThenBy(x => x.Index)
            .Select(x => x.Line)
            .ToList();
    }

    // Cluster-wide tickets: what every member said lately that is not routine info chatter.
    private List<LogLine> RecentFromAll(Dictionary<string, List<LogLine>> logs) =>
        logs.Values
            .SelectMany(lines => lines.Where(l => l.Level is not ("info" or "debug") || l.Message.StartsWith("raft.node:", StringComparison.Ordinal) || l.Message.Contains(" became ", StringComparison.Ordinal)))
            .OrderBy(l => l.At ?? DateTimeOffset.MaxValue)
            .TakeLast(_options.PeerLines)
            .ToList();

    private List<LogLine> MentioningNode(string node, IReadOnlyList<EtcdNodeFiles> files, Dictionary<string, List<LogLine>> logs)
    {
        var tokens = MentionTokens(node, files.FirstOrDefault(f => f.Name == node), logs);
        return logs
            .Where(kv => kv.Key != node)
            .SelectMany(kv => kv.Value.Where(l => Mentions(l, node, tokens)))
            .OrderBy(l => l.At ?? DateTimeOffset.MaxValue)
            .TakeLast(_options.PeerLines)
            .ToList();
    }

    private List<string> MentionTokens(string node, EtcdNodeFiles? files, Dictionary<string, List<LogLine>> logs)
    {
        var tokens = new List<string>();
        string? id;
        lock (_memberIds)
        {
            id = _memberIds.GetValueOrDefault(node);
        }

        id ??= logs.GetValueOrDefault(node)?.Select(l => l.Fields.GetValueOrDefault("local-member-id")).LastOrDefault(v => !string.IsNullOrEmpty(v));
        if (id is null && files?.PeerUrl is { } peerUrl)
        {
            // Peers log "added member" with the new member's id and peer URLs when the cluster forms.
            var url = peerUrl.ToString().TrimEnd('/');
            id = logs.Values.SelectMany(l => l)
                .Where(l => l.Fields.TryGetValue("added-peer-peer-urls", out var urls) && urls.Contains(url, StringComparison.Ordinal))
                .Select(l => l.Fields.GetValueOrDefault("added-peer-id"))
                .LastOrDefault(v => !string.IsNullOrEmpty(v));
        }

        if (id is not null)
        {
            tokens.Add(id);
        }

        foreach (var url in new[] { files?.PeerUrl, files?.ClientUrl })
        {
            if (url is not null)
            {
                tokens.Add($"{url.Host}:{url.Port.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return tokens;
    }

    private static bool Mentions(LogLine line, string node, List<string> tokens)
    {
        if (line.Fields.Values.Any(v => v == node))
        {
            return true;
        }

        return tokens.Count > 0 && tokens.Any(t => line.Message.Contains(t, StringComparison.Ordinal) || line.Fields.Values.Any(v => v.Contains(t, StringComparison.Ordinal)));
    }

    // A down member has no member_id in the fresh observation: remember ids seen while it was up.
    private void RememberMemberIds(Observation now)
    {
        foreach (var n in now.Nodes)
        {
            if (n.Fact(EtcdReadings.MemberId) is { } dec && ulong.TryParse(dec, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                lock (_memberIds)
                {
                    _memberIds[n.Name] = id.ToString("x", CultureInfo.InvariantCulture);
                }
            }
        }
    }
}
