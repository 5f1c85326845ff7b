using System.Text.Json;
using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Llm.Tests;

/// <summary>A member_down ticket for n2 with planted secrets in its logs, and model replies about it.</summary>
public static class Fixtures
{
    public static readonly string[] Causes =
    [
        "process_crashed", "process_hung", "network_partition", "disk_full", "slow_disk", "overload", "quorum_lost", "leader_flapping", "unknown",
    ];

    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 31, 7, TimeSpan.Zero);

    public const string ApiKey = "sk-ant-api03-TESTKEYdoNotLeak1234567890abcdef";
    public const string UrlPassword = "hunter2pass";
    public const string PlantedToken = "tok_9f8e7d6c5b4a";
    public const string PlantedBearer = "eyJhbGciOiJIUzI1NiJ9.payload.sig";
    public const string PlantedOpenAiKey = "sk-proj-abcdefghijklmnop1234";
    public const string PlantedAwsKey = "AKIAIOSFODNN7EXAMPLE";

    public static DiagnosisContext Context(IReadOnlyList<Ticket>? similar = null)
    {
        var ticket = new Ticket(
            Id: 3, Subject: "etcd", Invariant: "member_down", Target: "n2", Node: "n2",
            Status: TicketStatus.Open, Severity: Severity.Critical,
            Message: "n2 is down: get status from http://127.0.0.1:2479: connection refused",
            FirstSeenAt: T0, LastSeenAt: T0.AddSeconds(2), ResolvedAt: null, Occurrences: 3,
            Held: false, Flapping: false,
            Snapshot: """{"n2":{"state":"down","error":"connection refused"},"members":3}""",
            Diagnosis: null, ClearedAt: null);

        var nodes = new[]
        {
            Node("n1", NodeState.Up, leader: true, pid: 4120, ProcessState.Running, null),
            Node("n2", NodeState.Down, leader: false, pid: 4121, ProcessState.Gone, "get status from http://127.0.0.1:2479: connection refused"),
            Node("n3", NodeState.Up, leader: false, pid: 4122, ProcessState.Running, null),
        };
        var now = new Observation(T0.AddSeconds(3), "etcd", nodes, new Dictionary<string, string> { ["leader"] = "n1", ["member_count"] = "3" }, [], TimeSpan.FromMilliseconds(12));

        var nodeLogs = new[]
        {
            new LogLine(T0.AddSeconds(-5), "n2", "info", $"connecting to backup http://admin:{UrlPassword}@10.0.0.9:9000/snap", new Dictionary<string, string>(), "log"),
            new LogLine(T0.AddSeconds(-4), "n2", "warn", $"auth refresh token={PlantedToken} with Authorization: Bearer {PlantedBearer}", new Dictionary<string, string> { ["aws"] = PlantedAwsKey }, "log"),
            new LogLine(T0.AddSeconds(-3), "n2", "info", $"client configured with key {PlantedOpenAiKey}", new Dictionary<string, string>(), "stderr"),
        };
        var peerLogs = new[]
        {
            new LogLine(T0.AddSeconds(1), "n1", "warn", "lost TCP streaming connection with remote peer", new Dictionary<string, string> { ["remote-peer-id"] = "b2c3" }, "log"),
            new LogLine(T0.AddSeconds(1), "n3", "warn", "failed to reach the peer URL", new Dictionary<string, string> { ["error"] = "dial tcp 127.0.0.1:2480: connect: connection refused" }, "log"),
        };

        return new DiagnosisContext(ticket, now, nodeLogs, peerLogs, 4121, ProcessState.Gone, similar ?? []);
    }

    public static string ValidReply(string cause = "process_crashed", double score = 0.9, int alternatives = 2, string primary = "n2's etcd process crashed: its client port refused connections and pid 4121 is gone.") => JsonSerializer.Serialize(new
    {
        cause,
        node = "n2",
        primaryDiagnosis = primary,
        confidenceScore = score,
        severity = "critical",
        supportingEvidence = new[]
        {
            new { source = "probe", detail = "get status from http://127.0.0.1:2479: connection refused" },
            new { source = "process", detail = "pid 4121 is gone" },
        },
        alternatives = Enumerable.Range(0, alternatives).Select(i => new
        {
            hypothesis = i == 0 ? "network_partition" : "process_hung",
            supporting = new[] { "peers lost the stream to n2" },
            contradicting = new[] { i == 0 ? "connection refused, not timeout" : "pid is gone, not stopped" },
            conclusion = "ruled out",
        }).ToArray(),
        recommendedAction = "Restart n2 and check its stderr for the crash reason.",
        commands = new[] { "./operator cluster start n2" },
        risks = new[] { "restarting before finding the crash cause may crash again" },
        affectedComponents = new[] { "n2" },
    });

    private static NodeObservation Node(string name, NodeState state, bool leader, int pid, ProcessState process, string? error) => new(
        name, "etcd", $"http://127.0.0.1:2{name[1]}79", state, leader, pid, process, error,
        state == NodeState.Up ? new Dictionary<string, double> { ["db_size_bytes"] = 24576 } : new Dictionary<string, double>(),
        new Dictionary<string, string>(), TimeSpan.FromMilliseconds(3), new Dictionary<string, HistogramSnapshot>());
}
