using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Operator.Core;

namespace Operator.Etcd.Local.Network;

/// <summary>
/// The TCP fault proxy in front of every member's peer port: one loopback listener per member, forwarding to the
/// member's real peer port, partitioning or delaying connections by the rules file it polls (and acknowledges).
/// </summary>
public sealed class PeerFaultProxy : IAsyncDisposable
{
    /// <summary>How often the rules file is read; an apply waits at most this long before the proxy sees it.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly IReadOnlyList<ProxyRoute> _routes;
    private readonly string _rulesFile;
    private readonly string _appliedFile;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly object _gate = new();
    private readonly HashSet<ProxyConnection> _connections = [];
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _accepting = [];
    private readonly CancellationTokenSource _stop = new();
    private FaultPlan _plan = new(FaultRules.None);
    private string? _lastRulesText;

    internal PeerFaultProxy(IReadOnlyList<ProxyRoute> routes, string rulesFile, string appliedFile, TimeProvider time, TextWriter log)
    {
        _routes = routes;
        _rulesFile = rulesFile;
        _appliedFile = appliedFile;
        _time = time;
        _log = log;
    }

    /// <summary>The proxy of the cluster recorded in <paramref name="stateDir"/> (routes from its <c>cluster.json</c>).</summary>
    /// <exception cref="OperatorException">No cluster there, or it was created without fault proxy ports.</exception>
    public static PeerFaultProxy ForStateDir(string stateDir, TimeProvider time, TextWriter log)
    {
        var layout = new StateDirLayout(stateDir);
        var spec = ClusterSpecStore.TryRead(layout)
            ?? throw new OperatorException($"fault proxy: no cluster in {layout.StateDir}; start one with `operator cluster up`");
        if (!spec.HasFaultProxy)
        {
            throw new OperatorException(
                $"fault proxy: the cluster in {layout.StateDir} has no proxy ports; recreate it with `operator cluster down --purge` and `operator cluster up`");
        }

        var routes = spec.Nodes.Select(n => new ProxyRoute(n.Name, n.PeerProxyPort!.Value, n.PeerPort)).ToList();
        return new PeerFaultProxy(routes, layout.FaultProxyRulesFile, layout.FaultProxyAppliedFile, time, log);
    }

    /// <summary>Connections currently forwarded or being set up.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Binds every listener, applies the current rules file and starts accepting.</summary>
    /// <exception cref="OperatorException">A port is taken.</exception>
    public void Start()
    {
        foreach (var route in _routes)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, route.ListenPort));
                listener.Listen(64);
            }
            catch (SocketException e)
            {
                listener.Dispose();
                throw new OperatorException(
                    $"fault proxy: listen on 127.0.0.1:{route.ListenPort} for {route.Node}: {e.Message}; free the port (`ss -ltnp 'sport = :{route.ListenPort}'`) or recreate the cluster",
                    e);
            }

            _listeners.Add(listener);
            Log($"listening on 127.0.0.1:{route.ListenPort} for {route.Node} (etcd peer port {route.TargetPort})");
        }

        PollRules();
        foreach (var (route, listener) in _routes.Zip(_listeners))
        {
            _accepting.Add(AcceptAsync(route, listener, _stop.Token));
        }
    }

    /// <summary>Starts, then follows the rules file until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Start();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, _time, cancellationToken);
                PollRules();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }

        Log("stopping");
    }

    /// <summary>Reads the rules file; when it changed, applies it to every connection and acknowledges its generation.</summary>
    internal void PollRules()
    {
        string? text;
        try
        {
            text = File.Exists(_rulesFile) ? File.ReadAllText(_rulesFile) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // replaced while we read it; the next poll sees the new file
        }

        var seen = text ?? string.Empty;
        if (seen == _lastRulesText)
        {
            return;
        }

        FaultRules rules;
        try
        {
            rules = text is null ? FaultRules.None : FaultRulesFile.Parse(text, _rulesFile);
        }
        catch (OperatorException e)
        {
            Log($"ignoring rules: {e.Message}");
            _lastRulesText = seen;
            return;
        }

        _lastRulesText = seen;
        Apply(rules);
        FaultRulesFile.WriteApplied(_appliedFile, rules.Generation, Environment.ProcessId);
    }

    /// <summary>Makes <paramref name="rules"/> the current rules: cuts and re-times the live connections.</summary>
    internal void Apply(FaultRules rules)
    {
        var plan = new FaultPlan(rules);
        var cut = new List<ProxyConnection>();
        lock (_gate)
        {
            _plan = plan;
            foreach (var connection in _connections)
            {
                var verdict = plan.Decide(connection.Route.Node, connection.SourceMemberId);
                if (verdict.Cut)
                {
                    cut.Add(connection);
                }
                else
                {
                    connection.Delay = verdict.Delay;
                }
            }
        }

        foreach (var connection in cut)
        {
            connection.Cut();
        }

        var described = rules.Faults.Count == 0
            ? "no faults"
            : string.Join(", ", rules.Faults.Select(f => f.Mode == NetworkFaultMode.Partition ? $"{f.Node} partition" : $"{f.Node} delay {f.Delay.TotalMilliseconds:0} ms"));
        Log($"rules generation {rules.Generation}: {described}; cut {cut.Count} connection(s)");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        List<ProxyConnection> open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Cut();
        }

        try
        {
            await Task.WhenAll(_accepting);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Listeners closed under the accept loops.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(ProxyRoute route, Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                continue; // a connection that failed during the handshake
            }

            var connection = new ProxyConnection(route, client);
            bool cutNow;
            lock (_gate)
            {
                _connections.Add(connection);
                cutNow = _plan.Decide(route.Node, null).Cut;
            }

            if (cutNow)
            {
                connection.Cut();
            }

            _ = HandleAsync(connection, cancellationToken);
        }
    }

    private async Task HandleAsync(ProxyConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await connection.RunAsync(Decide, _time, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }
        }
    }

    private ConnectionVerdict Decide(ProxyConnection connection)
    {
        lock (_gate)
        {
            return _plan.Decide(connection.Route.Node, connection.SourceMemberId);
        }
    }

    private void Log(string message)
    {
        lock (_log)
        {
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {message}"));
            _log.Flush();
        }
    }
}
