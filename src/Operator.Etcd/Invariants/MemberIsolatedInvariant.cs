using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>
/// A member that answers on its client port can also reach its peers: its peer URL does not cut the monitor's probe
/// while another member's answers, and it follows the leader a majority of all members agrees on.
/// </summary>
public sealed class MemberIsolatedInvariant : IInvariant
{
    public string Name => "member_isolated";

    public string Description => "every member that answers on its client port also answers on its peer port and follows the leader a majority agrees on";

    // Long enough for an ordinary election or a member just resuming (its leader view settles within a heartbeat or
    // an election), short enough to ticket a cut-off member within about two seconds.
    public InvariantSettings Defaults { get; } = new(true, TimeSpan.FromSeconds(1), Severity.Critical, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var up = observation.Nodes.Where(n => n.IsUp).ToList();
        if (up.Count == 0)
        {
            return null; // nothing answers: member_down / quorum_lost speak for this cycle
        }

        var peerAnswering = up.Where(n => n.Metric(EtcdReadings.PeerRoundTripSeconds) is not null && n.Fact(EtcdReadings.PeerError) is null).ToList();
        var majority = MajorityLeader(observation, up);
        var findings = new List<Finding>();
        foreach (var n in up)
        {
            var reasons = new List<string>();
            var snapshot = Snapshots.Node(observation, n);
            var others = peerAnswering.Where(o => o.Name != n.Name).Select(o => o.Name).ToList();
            if (n.Fact(EtcdReadings.PeerError) is { } peerError && EtcdPeerErrors.IsCut(peerError) && others.Count > 0)
            {
                reasons.Add($"its peer port cuts the monitor's probe ({EtcdPeerErrors.Message(peerError)}) while {Names(others)} answer{(others.Count == 1 ? "s" : string.Empty)} on theirs");
                snapshot["peerError"] = peerError;
            }

            if (majority is { } m && !m.Followers.Contains(n.Name))
            {
                var followers = Names(m.Followers);
                reasons.Add(n.Fact(EtcdReadings.LeaderId) is { } own
                    ? $"it follows {NameOf(own, observation)} while {followers} follow {m.Leader}"
                    : $"it knows no leader while {followers} follow {m.Leader}");
                snapshot["agreedLeader"] = m.Leader;
            }

            if (reasons.Count > 0)
            {
                findings.Add(new Finding(n.Name, n.Name, $"{n.Name} is isolated from its peers: {string.Join("; ", reasons)}; it still answers on its client port", snapshot));
            }
        }

        return findings;
    }

    /// <summary>The leader a majority of all members (not only the reachable ones) reports, with who reports it.</summary>
    private static (string Leader, List<string> Followers)? MajorityLeader(Observation observation, List<NodeObservation> up)
    {
        var top = up
            .Where(n => n.Fact(EtcdReadings.LeaderId) is not null)
            .GroupBy(n => n.Fact(EtcdReadings.LeaderId)!, StringComparer.Ordinal)
            .MaxBy(g => g.Count());
        var majority = (Snapshots.MemberCount(observation) / 2) + 1;
        return top is null || top.Count() < majority ? null : (NameOf(top.Key, observation), top.Select(n => n.Name).ToList());
    }

    private static string NameOf(string memberId, Observation observation) =>
        observation.Nodes.FirstOrDefault(n => n.Fact(EtcdReadings.MemberId) == memberId)?.Name
        ?? (ulong.TryParse(memberId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? $"member {id.ToString("x", CultureInfo.InvariantCulture)}" : $"member {memberId}");

    private static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
    };
}
