using Operator.Core.Invariants;
using Operator.Core.Tickets;

namespace Operator.Core.Tests.Tickets;

/// <summary>Violations, times and stores for ticket tests.</summary>
internal static class TicketSamples
{
    public const string Subject = "etcd";

    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static Violation MemberDown(string node = "n2", Severity severity = Severity.Critical, string? message = null) =>
        new(
            "member_down",
            node,
            node,
            severity,
            message ?? $"member {node} does not answer /health",
            new Dictionary<string, object?> { ["reachable"] = false, ["members"] = 3L },
            T0);

    public static Violation NoLeader(Severity severity = Severity.Critical) =>
        new("no_leader", "cluster", null, severity, "no member reports a leader", new Dictionary<string, object?>(), T0);

    public static IReadOnlySet<string> Evaluated(params string[] invariants) =>
        new HashSet<string>(invariants, StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Both = Evaluated("member_down", "no_leader");

    public static Task<TicketStore> OpenAsync(TempDirectory dir, TicketPolicy? policy = null, TimeProvider? time = null) =>
        TicketStore.OpenAsync(dir.File("operator.db"), policy, time ?? new ManualTimeProvider(T0), CancellationToken.None);
}
