using Operator.FakeTikv.Http;

namespace Operator.FakeTikv.Tikv;

/// <summary>
/// One fake TiKV store: its status server (a real port), its heartbeats to PD, and the numbers PD and Prometheus
/// report for it. Scenario methods change it the way the real events would: <see cref="Kill"/> closes the port and
/// stops heartbeats, so PD calls it Disconnected 20 s (of the injected clock) after its last heartbeat.
/// </summary>
public sealed class FakeStore
{
    private readonly LoopbackHttpServer _statusServer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _heartbeatInterval;
    private readonly TimeSpan _maxStoreDownTime;
    private readonly object _gate = new();
    private MetaStoreState _meta = MetaStoreState.Up;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _heartbeatsSince;
    private DateTimeOffset? _lastHeartbeatPinned;
    private StoreStatusValues _status;
    private StoreMetricValues _metrics = new();

    internal FakeStore(
        ulong id,
        int index,
        string address,
        LoopbackHttpServer statusServer,
        TimeProvider time,
        TimeSpan heartbeatInterval,
        TimeSpan maxStoreDownTime,
        DateTimeOffset startedAt,
        StoreStatusValues status)
    {
        Id = id;
        Index = index;
        Address = address;
        _statusServer = statusServer;
        _time = time;
        _heartbeatInterval = heartbeatInterval;
        _maxStoreDownTime = maxStoreDownTime;
        _startedAt = startedAt;
        _heartbeatsSince = startedAt;
        _status = status;
    }

    public ulong Id { get; }

    /// <summary>Position in the topology (0-based), which also fixes the store's share of regions.</summary>
    public int Index { get; }

    /// <summary>Operator's node name for the store: <c>store&lt;id&gt;</c>.</summary>
    public string Name => $"store{Id}";

    /// <summary>The gRPC address PD lists (<c>address</c>): a closed port, so a client dialling it instead of the status address fails.</summary>
    public string Address { get; }

    /// <summary>The status server, <c>127.0.0.1:&lt;port&gt;</c>: PD's <c>status_address</c> and Prometheus' <c>instance</c>.</summary>
    public string StatusAddress => $"127.0.0.1:{_statusServer.Port}";

    public int StatusPort => _statusServer.Port;

    public ProcessState Process => _statusServer.State switch
    {
        ServerState.Listening => ProcessState.Running,
        ServerState.Hung => ProcessState.Hung,
        _ => ProcessState.Killed,
    };

    /// <summary>What the store reports to PD; replace with <c>with</c> to change capacity, counts, slow score, ….</summary>
    public StoreStatusValues Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>What Prometheus has for the store; replace with <c>with</c> to change latency, QPS, CPU, ….</summary>
    public StoreMetricValues Metrics
    {
        get => Volatile.Read(ref _metrics);
        set => Volatile.Write(ref _metrics, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>SIGKILL: the status port refuses connections, open ones drop, heartbeats to PD stop.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            StopHeartbeats(_time.GetUtcNow());
            _statusServer.Stop();
        }
    }

    /// <summary>SIGSTOP: the status port accepts but never answers, heartbeats to PD stop.</summary>
    public void Hang()
    {
        lock (_gate)
        {
            StopHeartbeats(_time.GetUtcNow());
            _statusServer.Hang();
        }
    }

    /// <summary>Starts the process again on the same status port; it heartbeats at once and its uptime starts over.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _statusServer.Restart();
            var now = _time.GetUtcNow();
            _startedAt = now;
            _heartbeatsSince = now;
            _lastHeartbeatPinned = null;
        }
    }

    /// <summary>
    /// Sets PD's view of the store, leaving the process alone. Up stores heartbeat again; Disconnected and Down move
    /// the last heartbeat back (30 s, and past max-store-down-time) so PD's own rule yields that name and keeps ageing
    /// it; Offline and Tombstone set the stored state (a Tombstone store no longer heartbeats).
    /// </summary>
    public void SetPdState(StoreStateName state)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            switch (state)
            {
                case StoreStateName.Up:
                    _meta = MetaStoreState.Up;
                    _heartbeatsSince = now;
                    _lastHeartbeatPinned = null;
                    break;
                case StoreStateName.Disconnected:
                    _meta = MetaStoreState.Up;
                    _lastHeartbeatPinned = now - StoreStateRule.DisconnectAfter - TimeSpan.FromSeconds(10);
                    break;
                case StoreStateName.Down:
                    _meta = MetaStoreState.Up;
                    _lastHeartbeatPinned = now - _maxStoreDownTime - TimeSpan.FromMinutes(1);
                    break;
                case StoreStateName.Offline:
                    _meta = MetaStoreState.Offline;
                    break;
                case StoreStateName.Tombstone:
                    _meta = MetaStoreState.Tombstone;
                    StopHeartbeats(now);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(state), state, "unknown store state");
            }
        }
    }

    /// <summary>Makes PD's last heartbeat <paramref name="age"/> old and stops further heartbeats (a store cut off from PD).</summary>
    public void SetHeartbeatAge(TimeSpan age)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        lock (_gate)
        {
            _lastHeartbeatPinned = _time.GetUtcNow() - age;
        }
    }

    public StoreSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var last = LastHeartbeat(now);
            var age = now - last;
            return new StoreSnapshot(
                Id,
                Index,
                Address,
                StatusAddress,
                Process,
                _meta,
                _startedAt,
                last,
                age,
                StoreStateRule.Compute(_meta, age, _maxStoreDownTime),
                Status,
                Metrics);
        }
    }

    internal void StartStatusServer() => _statusServer.Start();

    internal LoopbackHttpServer StatusServer => _statusServer;

    private void StopHeartbeats(DateTimeOffset now) => _lastHeartbeatPinned ??= LastHeartbeat(now);

    // TiKV heartbeats every 10 s, so a live store's last heartbeat is the latest tick of that schedule.
    private DateTimeOffset LastHeartbeat(DateTimeOffset now)
    {
        if (_lastHeartbeatPinned is { } pinned)
        {
            return pinned;
        }

        if (_heartbeatInterval <= TimeSpan.Zero || now <= _heartbeatsSince)
        {
            return now < _heartbeatsSince ? _heartbeatsSince : now;
        }

        var ticks = (now - _heartbeatsSince).Ticks / _heartbeatInterval.Ticks;
        return _heartbeatsSince + TimeSpan.FromTicks(ticks * _heartbeatInterval.Ticks);
    }
}
