using System.Globalization;
using Operator.Core.Observing;
using Operator.Etcd.Client;

namespace Operator.Etcd.Observing;

/// <summary>Cluster-wide facts of one cycle: the agreed leader's node name, member count and member names.</summary>
internal static class EtcdClusterFacts
{
    public static Dictionary<string, string> Build(IReadOnlyList<EtcdEndpoint> endpoints, IReadOnlyList<NodeObservation> nodes, EtcdMemberList? members)
    {
        var names = MemberNames(endpoints, nodes, members);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EtcdReadings.MemberCount] = (members?.Members.Count ?? endpoints.Count).ToString(CultureInfo.InvariantCulture),
            [EtcdReadings.Members] = members is null
                ? string.Join(',', endpoints.Select(e => e.Name))
                : string.Join(',', OrderedNames(endpoints, members, names)),
        };

        if (AgreedLeader(nodes) is { } leaderId)
        {
            facts[EtcdReadings.Leader] = names.GetValueOrDefault(leaderId) ?? leaderId.ToString(CultureInfo.InvariantCulture);
        }

        return facts;
    }

    /// <summary>The leader id reported by more than half of the up members that know a leader; null when none or split.</summary>
    private static ulong? AgreedLeader(IReadOnlyList<NodeObservation> nodes)
    {
        var reported = nodes
            .Where(n => n.IsUp)
            .Select(n => ulong.TryParse(n.Fact(EtcdReadings.LeaderId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0UL)
            .Where(id => id != 0)
            .ToList();
        if (reported.Count == 0)
        {
            return null;
        }

        var top = reported.GroupBy(id => id).MaxBy(g => g.Count())!;
        return top.Count() * 2 > reported.Count ? top.Key : null;
    }

    // Node names are the deployment's endpoint names; a member answering its own status is the surest link
    // between an id and an endpoint, then the member list's client URLs, then its etcd name.
    private static Dictionary<ulong, string> MemberNames(IReadOnlyList<EtcdEndpoint> endpoints, IReadOnlyList<NodeObservation> nodes, EtcdMemberList? members)
    {
        var names = new Dictionary<ulong, string>();
        foreach (var member in members?.Members ?? [])
        {
            var byUrl = endpoints.FirstOrDefault(e => member.ClientUrls.Any(u => SameUrl(u, e.ClientUrl)));
            var byName = endpoints.FirstOrDefault(e => string.Equals(e.Name, member.Name, StringComparison.Ordinal));
            names[member.Id] = byUrl?.Name ?? byName?.Name ?? (member.Name.Length > 0 ? member.Name : member.HexId);
        }

        foreach (var node in nodes)
        {
            if (node.IsUp && ulong.TryParse(node.Fact(EtcdReadings.MemberId), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                names[id] = node.Name;
            }
        }

        return names;
    }

    // The member list comes sorted by id; list names in the deployment's endpoint order, unknown members last.
    private static IEnumerable<string> OrderedNames(IReadOnlyList<EtcdEndpoint> endpoints, EtcdMemberList members, Dictionary<ulong, string> names)
    {
        int Rank(string name)
        {
            for (var i = 0; i < endpoints.Count; i++)
            {
                if (string.Equals(endpoints[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        return members.Members
            .Select(m => names.GetValueOrDefault(m.Id) ?? m.HexId)
            .OrderBy(Rank)
            .ThenBy(n => n, StringComparer.Ordinal);
    }

    private static bool SameUrl(string listed, Uri endpoint) =>
        string.Equals(listed.TrimEnd('/'), EtcdClient.Display(endpoint), StringComparison.OrdinalIgnoreCase);
}
