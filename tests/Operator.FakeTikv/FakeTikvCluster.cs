using System.Net;
using System.Net.Sockets;
using Operator.FakeTikv.Http;
using Operator.FakeTikv.Pd;
using Operator.FakeTikv.Prometheus;
using Operator.FakeTikv.Regions;
using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv;

/// <summary>
/// A fake TiKV cluster on 127.0.0.1 speaking the real wire formats: PD members (<c>/pd/api/v1</c>), one status server
/// per store (<c>/status</c>, <c>/metrics</c>) and a Prometheus (<c>/api/v1/query</c>). Drive it through the handles
/// (<see cref="Store(ulong)"/>, <see cref="Pd"/>, <see cref="Prometheus"/>, <see cref="Regions"/>, <see cref="PdFaults"/>)
/// and check what clients asked in <see cref="Requests"/>.
/// </summary>
public sealed class FakeTikvCluster : IAsyncDisposable
{
    private readonly FakeClusterState _state;
    private readonly List<LoopbackHttpServer> _servers;

    private FakeTikvCluster(FakeTikvOptions options, FakeClusterState state, FakePrometheus prometheus, RequestLog requests, List<LoopbackHttpServer> servers)
    {
        Options = options;
        _state = state;
        Prometheus = prometheus;
        Requests = requests;
        _servers = servers;
    }

    public FakeTikvOptions Options { get; }

    public PdMembership Pd => _state.Membership;

    public IReadOnlyList<FakePdMember> PdMembers => _state.Membership.Members;

    /// <summary>Every PD member's client URL, in member order.</summary>
    public IReadOnlyList<string> PdUrls => PdMembers.Select(m => m.ClientUrl).ToList();

    /// <summary>The PD URLs comma-separated, as <c>--pd</c> takes them.</summary>
    public string PdEndpoints => string.Join(',', PdUrls);

    public IReadOnlyList<FakeStore> Stores => _state.Stores;

    public FakePrometheus Prometheus { get; }

    public RegionCatalog Regions => _state.Regions;

    public PdFaults PdFaults => _state.Faults;

    /// <summary>Requests every fake server received, by server (<c>pd0</c>, <c>store4</c>, <c>prometheus</c>) and path.</summary>
    public RequestLog Requests { get; }

    public ulong ClusterId => _state.ClusterId;

    public bool Bootstrapped => _state.Bootstrapped;

    public static FakeTikvCluster Start(FakeTikvOptions? options = null, TimeProvider? time = null)
    {
        options ??= new FakeTikvOptions();
        time ??= TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PdCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StoreCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RegionCount, 1);
        RequireOnePerNode(options.PdPorts?.Count, options.PdCount, nameof(options.PdPorts));
        RequireOnePerNode(options.StatusPorts?.Count, options.StoreCount, nameof(options.StatusPorts));

        var now = time.GetUtcNow();
        var random = new Random(options.Seed);
        var requests = new RequestLog();
        var servers = new List<LoopbackHttpServer>();
        try
        {
            var storeIds = Enumerable.Range(0, options.StoreCount).Select(StoreId).ToList();
            var regions = new RegionCatalog(new RegionLayout(options.RegionCount, options.StoreCount, storeIds.Max() + 1));
            if (options.MissPeerRegions > 0)
            {
                regions.SetCount(RegionCheck.MissPeer, options.MissPeerRegions);
            }

            var membership = new PdMembership(time);
            var stores = new List<FakeStore>();
            var clusterId = ((ulong)now.ToUnixTimeSeconds() << 32) + (uint)random.Next();
            var state = new FakeClusterState(clusterId, now - TimeSpan.FromHours(1), options.Bootstrapped, options.MaxStoreDownTime, membership, stores, regions, new PdFaults(), time);

            for (var i = 0; i < options.PdCount; i++)
            {
                var name = $"pd{i}";
                var server = new LoopbackHttpServer(name, new PdApi(name, state), requests, time, options.PdPorts?[i] ?? 0);
                servers.Add(server);
                server.Start();
                var memberId = (ulong)random.NextInt64(1L << 54, long.MaxValue) | (i % 2 == 1 ? 1UL << 63 : 0);
                membership.Add(new FakePdMember(name, i, memberId, $"http://127.0.0.1:{UnusedPort()}", server, membership, now - TimeSpan.FromHours(1)));
            }

            var leaderName = options.PdLeader ?? (options.PdCount > 1 ? "pd1" : "pd0");
            membership.SetInitialLeader(membership[leaderName]);

            for (var i = 0; i < options.StoreCount; i++)
            {
                FakeStore? store = null;
                var server = new LoopbackHttpServer($"store{storeIds[i]}", new TikvStatusApi(() => store!.Snapshot(), time), requests, time, options.StatusPorts?[i] ?? 0);
                servers.Add(server);
                // Stores started a while ago, a few seconds apart, so their heartbeats are not in step.
                var startedAt = now - TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(3700 * i);
                var address = options.StoreAddresses is { } given && i < given.Count ? given[i] : $"127.0.0.1:{UnusedPort()}";
                store = new FakeStore(storeIds[i], i, address, server, time, options.StoreHeartbeatInterval, options.MaxStoreDownTime, startedAt, new StoreStatusValues());
                server.Start();
                stores.Add(store);
            }

            SeedStoreStatus(stores, regions);
            var prometheus = new FakePrometheus();
            var prometheusServer = new LoopbackHttpServer("prometheus", new PrometheusApi(state, prometheus), requests, time, options.PrometheusPort ?? 0);
            servers.Add(prometheusServer);
            prometheus.Attach(prometheusServer);
            prometheusServer.Start();
            return new FakeTikvCluster(options, state, prometheus, requests, servers);
        }
        catch
        {
            foreach (var server in servers)
            {
                server.Stop();
            }

            throw;
        }
    }

    /// <summary>The store with this PD id.</summary>
    public FakeStore Store(ulong id) =>
        _state.StoreById(id) ?? throw new KeyNotFoundException($"no store with id {id} (ids: {string.Join(", ", Stores.Select(s => s.Id))})");

    /// <summary>The store named <c>store&lt;id&gt;</c>, or by its id as text.</summary>
    public FakeStore Store(string nameOrId)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var text = nameOrId.StartsWith("store", StringComparison.Ordinal) ? nameOrId[5..] : nameOrId;
        return ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? Store(id)
            : throw new KeyNotFoundException($"\"{nameOrId}\" is not a store id or name (store<id>)");
    }

    /// <summary>Registers the first store: cluster-scoped PD endpoints start answering.</summary>
    public void Bootstrap() => _state.Bootstrap();

    /// <summary>Where everything listens, as the executable prints it.</summary>
    public FakeTikvEndpoints Endpoints() => new(
        PdUrls,
        Prometheus.Url,
        Stores.Select(s => new FakeTikvEndpoints.StoreEndpoint(s.Id, s.Name, s.StatusAddress, s.Address)).ToList());

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    // PD allocates store, region and peer ids from one counter, so a fresh cluster's stores are 1, 4, 5 rather than 1, 2, 3.
    private static ulong StoreId(int index) => index switch
    {
        0 => 1,
        1 => 4,
        2 => 5,
        _ => 5 + (2 * (ulong)(index - 2)),
    };

    private static void RequireOnePerNode(int? given, int nodes, string name)
    {
        if (given is { } count && count != nodes)
        {
            throw new ArgumentException($"{name} lists {count} values for {nodes} nodes", name);
        }
    }

    // A port nobody listens on: what PD lists as a store's gRPC address and a member's peer URL.
    private static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static void SeedStoreStatus(List<FakeStore> stores, RegionCatalog regions)
    {
        var conditions = new StoreConditions(stores.Select(s => s.Snapshot()).ToList());
        var (regionCounts, leaderCounts, regionSizes, leaderSizes) = regions.PerStoreTotals(conditions);
        foreach (var store in stores)
        {
            var i = store.Index;
            store.Status = store.Status with
            {
                // A little spread between stores, so a client that mixes them up is caught.
                AvailableBytes = store.Status.AvailableBytes - ((i % 7) * (1L << 30)),
                RegionCount = regionCounts[i],
                LeaderCount = leaderCounts[i],
                RegionSizeMiB = regionSizes[i],
                LeaderSizeMiB = leaderSizes[i],
            };
        }
    }
}
