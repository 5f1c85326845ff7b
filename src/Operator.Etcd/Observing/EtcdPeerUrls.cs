using Operator.Etcd.Client;

namespace Operator.Etcd.Observing;

/// <summary>
/// Which peer URL to probe for each node: its member's first http peer URL in the member list, the member found
/// by the id its own status reported, else by client URL, else by etcd name. https peer URLs are skipped (the
/// monitor holds no peer certificates).
/// </summary>
internal static class EtcdPeerUrls
{
    public static Dictionary<string, Uri> Resolve(IReadOnlyList<EtcdEndpoint> endpoints, IReadOnlyList<EtcdStatusProbe> statuses, EtcdMemberList members)
    {
        var urls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var status = statuses.FirstOrDefault(s => string.Equals(s.Endpoint.Name, endpoint.Name, StringComparison.Ordinal));
            var member = ById(members, status) ?? ByClientUrl(members, endpoint) ?? members.Members.FirstOrDefault(m => string.Equals(m.Name, endpoint.Name, StringComparison.Ordinal));
            var url = member?.PeerUrls
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var parsed) ? parsed : null)
                .FirstOrDefault(u => u is not null && u.Scheme == Uri.UriSchemeHttp);
            if (url is not null)
            {
                urls[endpoint.Name] = url;
            }
        }

        return urls;
    }

    private static EtcdMember? ById(EtcdMemberList members, EtcdStatusProbe? status) =>
        status is { Status.Ok: true } ? members.Members.FirstOrDefault(m => m.Id == status.Status.Value.Header.MemberId) : null;

    private static EtcdMember? ByClientUrl(EtcdMemberList members, EtcdEndpoint endpoint)
    {
        var display = EtcdClient.Display(endpoint.ClientUrl);
        return members.Members.FirstOrDefault(m => m.ClientUrls.Any(u => string.Equals(u.TrimEnd('/'), display, StringComparison.OrdinalIgnoreCase)));
    }
}
