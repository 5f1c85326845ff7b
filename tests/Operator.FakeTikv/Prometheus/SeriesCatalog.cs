using Operator.FakeTikv.Regions;
using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// What Prometheus has scraped at one instant: each store's TiKV series with <c>instance</c> = its status address and
/// <c>job="tikv"</c> (only from stores it can scrape), <c>up</c> for every target (TiKV, PD, itself), and from PD the
/// leader's <c>pd_regions_status</c> and every running member's <c>service_member_role</c>.
/// </summary>
internal sealed class SeriesCatalog
{
    private readonly FakeClusterState _state;
    private readonly IReadOnlyList<StoreSnapshot> _stores;
    private readonly string _selfInstance;
    private readonly DateTimeOffset _now;
    private readonly ScrapedLabels _labels;

    public SeriesCatalog(FakeClusterState state, string selfInstance, DateTimeOffset now, ScrapedLabels labels)
    {
        _state = state;
        _stores = state.SnapshotStores();
        _selfInstance = selfInstance;
        _now = now;
        _labels = labels;
    }

    public static bool Knows(string name) =>
        TikvMetricCatalog.Names.Contains(name) || name is "up" or "pd_regions_status" or "service_member_role";

    public IReadOnlyList<MetricSeries> Select(string name) => name switch
    {
        "up" => Up(),
        "pd_regions_status" => RegionsStatus(),
        "service_member_role" => MemberRoles(),
        _ => Tikv(name),
    };

    private List<MetricSeries> Tikv(string name)
    {
        var result = new List<MetricSeries>();
        foreach (var store in _stores.Where(s => s.Scrapable))
        {
            var exported = TikvMetricCatalog.Series(name, store, _now).ToList();
            var labels = _labels.For(store.StatusAddress, name, exported);
            for (var i = 0; i < exported.Count; i++)
            {
                result.Add(new MetricSeries(labels[i], exported[i].Value, exported[i].Rate));
            }
        }

        return result;
    }

    private List<MetricSeries> Up()
    {
        var up = _stores.Select(s => Gauge("up", s.StatusAddress, "tikv", s.Scrapable ? 1 : 0)).ToList();
        up.AddRange(_state.Membership.Members.Select(m => Gauge("up", $"127.0.0.1:{m.Port}", "pd", m.Process == ProcessState.Running ? 1 : 0)));
        up.Add(Gauge("up", _selfInstance, "prometheus", 1));
        return up;
    }

    private List<MetricSeries> MemberRoles() =>
        _state.Membership.Members.Where(m => m.Process == ProcessState.Running)
            .Select(m => new MetricSeries(Labels("service_member_role", $"127.0.0.1:{m.Port}", "pd").With("service", "PD"), m.IsLeader ? 1 : 0, 0))
            .ToList();

    // Only the PD leader exports region statistics.
    private List<MetricSeries> RegionsStatus()
    {
        if (_state.Membership.Leader is not { } leader)
        {
            return [];
        }

        var conditions = new StoreConditions(_stores);
        var instance = $"127.0.0.1:{leader.Port}";
        var series = Enum.GetValues<RegionCheck>()
            .Select(c => (Type: c.PathName() + "-region-count", Count: (double)_state.Regions.CountFailing(c, conditions)))
            .Concat(new[] { "learner-peer-region-count", "empty-region-count", "oversized-region-count", "undersized-region-count" }.Select(t => (Type: t, Count: 0.0)));
        return series.Select(s => new MetricSeries(Labels("pd_regions_status", instance, "pd").With("type", s.Type), s.Count, 0)).ToList();
    }

    private static MetricSeries Gauge(string name, string instance, string job, double value) => new(Labels(name, instance, job), value, 0);

    private static LabelSet Labels(string name, string instance, string job) =>
        LabelSet.Of((LabelSet.MetricName, name), ("instance", instance), ("job", job));
}
