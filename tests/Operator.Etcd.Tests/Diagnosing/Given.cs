using System.Text.Json;
using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Etcd.Tests.Diagnosing;

/// <summary>Builds hand-made diagnosis contexts: a ticket, a fresh observation, log lines and a process state.</summary>
internal static class Given
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 31, 7, 250, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static Ticket Ticket(string invariant, string? node, string message, object? snapshot = null, Severity severity = Severity.Critical) =>
        new(
            7,
            "etcd",
            invariant,
            node ?? "cluster",
            node,
            TicketStatus.Open,
            severity,
            message,
            T0,
            At(2),
            null,
            3,
            false,
            false,
            JsonSerializer.Serialize(snapshot ?? new Dictionary<string, object?>()),
            null,
            null);

    public static LogLine Log(string node, double seconds, string level, string message, params (string Key, string Value)[] fields) =>
        new(At(seconds), node, level, message, fields.ToDictionary(f => f.Key, f => f.Value), "log");

    public static DiagnosisContext Context(
        Ticket ticket,
        Observation now,
        IReadOnlyList<LogLine>? nodeLogs = null,
        IReadOnlyList<LogLine>? peerLogs = null,
        int? pid = null,
        ProcessState process = ProcessState.Unknown) =>
        new(ticket, now, nodeLogs ?? [], peerLogs ?? [], pid, process, []);

    /// <summary>A histogram whose p99 is close to <paramref name="seconds"/>.</summary>
    public static HistogramSnapshot P99(double seconds) =>
        new([(seconds / 2, 0), (seconds, 100), (double.PositiveInfinity, 100)], 100, seconds * 80);
}
