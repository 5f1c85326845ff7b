using Operator.Etcd.Client;

namespace Operator.Etcd;

/// <summary>
/// A fixed set of members given by client URL (an external cluster Operator did not start): no pids, metrics
/// read from the client URL, names from the member list when it can be read, else <c>n1..nN</c>.
/// </summary>
public sealed class StaticEndpointSource : IEtcdEndpointSource
{
    private readonly EtcdEndpoint[] _endpoints;

    public StaticEndpointSource(IEnumerable<EtcdEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = [.. endpoints];
    }

    /// <summary>Endpoints named <c>n1..nN</c> in the given order.</summary>
    public static StaticEndpointSource FromUrls(IEnumerable<Uri> clientUrls)
    {
        ArgumentNullException.ThrowIfNull(clientUrls);
        return new StaticEndpointSource(clientUrls.Select((url, i) => new EtcdEndpoint($"n{i + 1}", url, url, null)));
    }

    /// <summary>
    /// Names each URL after the member whose client URLs contain it, using the member list of the first URL
    /// that answers; URLs no member claims (or every URL, when none answers) fall back to <c>n1..nN</c>.
    /// </summary>
    public static async Task<StaticEndpointSource> DiscoverAsync(EtcdClient client, IReadOnlyList<Uri> clientUrls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clientUrls);

        EtcdMemberList? members = null;
        foreach (var url in clientUrls)
        {
            var list = await client.MemberListAsync(url, timeout, cancellationToken).ConfigureAwait(false);
            if (list.Ok)
            {
                members = list.Value;
                break;
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var endpoints = new List<EtcdEndpoint>(clientUrls.Count);
        for (var i = 0; i < clientUrls.Count; i++)
        {
            var url = clientUrls[i];
            var display = EtcdClient.Display(url);
            var member = members?.Members.FirstOrDefault(m =>
                m.Name.Length > 0 && m.ClientUrls.Any(u => string.Equals(u.TrimEnd('/'), display, StringComparison.OrdinalIgnoreCase)));
            var name = member is not null && used.Add(member.Name) ? member.Name : $"n{i + 1}";
            used.Add(name);
            endpoints.Add(new EtcdEndpoint(name, url, url, null));
        }

        return new StaticEndpointSource(endpoints);
    }

    public IReadOnlyList<EtcdEndpoint> Current() => _endpoints;
}
