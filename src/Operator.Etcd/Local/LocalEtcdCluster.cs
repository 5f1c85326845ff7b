using System.Globalization;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Etcd.Local.Network;

namespace Operator.Etcd.Local;

/// <summary>
/// Real etcd members on 127.0.0.1, recorded in a state dir (<c>cluster.json</c>, <c>nodes/&lt;name&gt;/</c>) so
/// any later Operator process can stop, kill or restart them. Members run detached and outlive Operator.
/// </summary>
public sealed class LocalEtcdCluster
{
    private const int CreateAttempts = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan SignalEffectTimeout = TimeSpan.FromSeconds(5);

    private readonly StateDirLayout _layout;
    private readonly TimeProvider _time;
    private readonly LocalEtcdClusterOptions _options;
    private readonly EtcdLauncher _launcher;
    private readonly FaultProxyProcess _proxy;
    private readonly NetworkFaultControl _faults;

    public LocalEtcdCluster(string stateDir, TimeProvider? time = null, LocalEtcdClusterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDir);
        _layout = new StateDirLayout(stateDir);
        _time = time ?? TimeProvider.System;
        _options = options ?? new LocalEtcdClusterOptions();
        _launcher = new EtcdLauncher(_time);
        _proxy = new FaultProxyProcess(_layout, _time);
        _faults = new NetworkFaultControl(_layout, _proxy, _time);
    }

    /// <summary>Absolute path of the state dir.</summary>
    public string StateDir => _layout.StateDir;

    /// <summary>Path of <c>cluster.json</c>.</summary>
    public string ClusterFile => _layout.ClusterFile;

    /// <summary>A cluster is recorded in the state dir (its members may be up or down).</summary>
    public bool Exists => File.Exists(_layout.ClusterFile);

    /// <summary>The recorded cluster layout.</summary>
    /// <exception cref="OperatorException">No cluster in the state dir, or cluster.json is unreadable.</exception>
    public LocalClusterSpec Spec() => RequireSpec("start one with `operator cluster up`");

    /// <summary>Every member with its files, pid and process state (cheap: reads files and /proc only).</summary>
    public IReadOnlyList<LocalNode> Nodes() => Spec().Nodes.Select(LocalNode.From).ToList();

    /// <summary>One member by name.</summary>
    public LocalNode Node(string name) => LocalNode.From(FindNode(Spec(), name));

    /// <summary>Current endpoints (pids from the pid files).</summary>
    public IReadOnlyList<EtcdEndpoint> Endpoints() => Nodes().Select(n => n.ToEndpoint()).ToList();

    /// <summary>The recorded cluster has a fault proxy in front of every member's peer port.</summary>
    public bool HasFaultProxy => Spec().HasFaultProxy;

    /// <summary>The fault proxy's output (<c>faultproxy.log</c> in the state dir).</summary>
    public string FaultProxyLogFile => _layout.FaultProxyLogFile;

    /// <summary>The pid of this state dir's running fault proxy (verified through /proc), or null when none runs.</summary>
    public int? FaultProxyPid() => _proxy.RunningPid();

    /// <summary>The active network faults, as last written to the proxy's rules file (empty when healed or never set).</summary>
    public IReadOnlyList<NetworkFault> NetworkFaults() => _faults.Current();

    /// <summary>
    /// Replaces the whole set of active network faults (an empty list heals everything) and returns once the running
    /// fault proxy has applied exactly this set.
    /// </summary>
    /// <exception cref="OperatorException">The cluster has no proxy, it is not running, a fault names an unknown node, or the proxy did not acknowledge within 5 s.</exception>
    public Task ApplyNetworkFaultsAsync(IReadOnlyList<NetworkFault> faults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return _faults.ApplyAsync(Spec(), faults, cancellationToken);
    }

    /// <summary>An endpoint source for monitors; it tracks restarts through the pid files.</summary>
    public IEtcdEndpointSource EndpointSource() => new LocalEndpointSource(StateDir);

    /// <summary>
    /// Creates and starts a cluster, or starts the recorded members that are down (same data dirs and flags),
    /// and returns once every member is healthy.
    /// </summary>
    /// <param name="nodes">Members of a new cluster (default 3); for an existing cluster null or its size.</param>
    /// <param name="etcdBinary">etcd binary to use; null finds <c>etcd</c> on PATH (or keeps the recorded one).</param>
    /// <param name="cancellationToken">Cancels the wait (started members keep running).</param>
    public Task<IReadOnlyList<LocalNode>> UpAsync(int? nodes = null, string? etcdBinary = null, CancellationToken cancellationToken = default) =>
        UpAsync(nodes, etcdBinary, quotaBackendBytes: null, cancellationToken);

    /// <summary>
    /// Like <see cref="UpAsync(int?, string?, CancellationToken)"/>, with etcd's backend quota for a new cluster.
    /// </summary>
    /// <param name="nodes">Members of a new cluster (default 3); for an existing cluster null or its size.</param>
    /// <param name="etcdBinary">etcd binary to use; null finds <c>etcd</c> on PATH (or keeps the recorded one).</param>
    /// <param name="quotaBackendBytes">
    /// etcd's backend quota flag (quota-backend-bytes) of a new cluster (null: etcd's default); for an existing cluster null or its recorded value.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait (started members keep running).</param>
    public async Task<IReadOnlyList<LocalNode>> UpAsync(int? nodes, string? etcdBinary, long? quotaBackendBytes, CancellationToken cancellationToken = default)
    {
        if (quotaBackendBytes is <= 0)
        {
            throw new OperatorException($"cannot use a backend quota of {quotaBackendBytes} bytes; pass a positive size such as 16MiB");
        }

        if (nodes is { } n && (n < 1 || n > _options.MaxNodes))
        {
            throw new OperatorException($"cannot create a cluster of {n} nodes; use --nodes 1 to {_options.MaxNodes}");
        }

        EnsureWritableStateDir();
        var spec = ClusterSpecStore.TryRead(_layout);
        if (spec is null)
        {
            return await CreateAsync(nodes ?? 3, etcdBinary, quotaBackendBytes, cancellationToken);
        }

        if (quotaBackendBytes is { } quota && quota != spec.QuotaBackendBytes)
        {
            var recorded = spec.QuotaBackendBytes is { } q ? $"{q} bytes" : "etcd's default";
            throw new OperatorException(
                $"cluster in {StateDir} was created with a backend quota of {recorded}, not {quota} bytes; recreate it with `operator cluster down --purge` and `operator cluster up --quota-backend-bytes {quota}`");
        }

        if (nodes is { } wanted && wanted != spec.Nodes.Count)
        {
            throw new OperatorException(
                $"cluster in {StateDir} has {spec.Nodes.Count} nodes ({Names(spec)}), not {wanted}; recreate it with `operator cluster down --purge` and `operator cluster up --nodes {wanted}`");
        }

        var proxyStarted = await EnsureFaultProxyAsync(spec, cancellationToken);
        var current = spec.Nodes.Select(LocalNode.From).ToList();
        if (current.All(node => node.IsAlive) && proxyStarted)
        {
            await WaitHealthyAsync(spec, [], cancellationToken);
            return Nodes();
        }

        if (current.All(node => node.IsAlive))
        {
            var pids = string.Join(", ", current.Select(node => $"{node.Name} pid {node.Pid}"));
            throw new OperatorException(
                $"cluster in {StateDir} is already running ({pids}); use `operator cluster status` or `operator cluster down`");
        }

        var binary = BinaryForExisting(spec, etcdBinary);
        if (binary != spec.EtcdBinary)
        {
            spec = spec with { EtcdBinary = binary };
            ClusterSpecStore.Write(_layout, spec);
        }

        var launched = new List<LaunchedNode>();
        foreach (var node in spec.Nodes.Where(s => !current.Single(c => c.Name == s.Name).IsAlive))
        {
            await WaitForExitAsync(node, cancellationToken);
            EnsurePortsFree(node);
            launched.Add(await LaunchAsync(binary, node, cancellationToken));
        }

        await WaitHealthyAsync(spec, launched, cancellationToken);
        return Nodes();
    }

    /// <summary>
    /// Stops exactly the recorded members (each pid verified to still be that member's etcd): SIGTERM to the
    /// followers, then the leader, SIGKILL after the grace period. Removes the pid files; with
    /// <paramref name="purge"/> also the node directories and cluster.json, never other files in the state dir.
    /// </summary>
    public async Task<IReadOnlyList<NodeStopped>> DownAsync(bool purge = false, CancellationToken cancellationToken = default)
    {
        var spec = RequireSpec("nothing to stop");
        var recorded = spec.Nodes.Select(s => (Spec: s, Pid: NodeProcess.ReadPid(s.PidFile))).ToList();
        var alive = recorded.Where(r => r.Pid is { } p && NodeProcess.IsOurs(p, r.Spec)).Select(r => (r.Spec, Pid: r.Pid!.Value)).ToList();

        // Stopping the leader last avoids its 7 s failed hand-off when everyone gets SIGTERM at once.
        string? leader = null;
        var answering = alive.Where(a => ProcessInspector.Inspect(a.Pid) == ProcessState.Running).Select(a => a.Spec).ToList();
        if (answering.Count > 1)
        {
            using var probe = new EtcdProbe();
            leader = await probe.LeaderAsync(answering, cancellationToken);
        }

        var outcomes = new Dictionary<string, StopOutcome>();
        await StopAsync(alive.Where(a => a.Spec.Name != leader).ToList(), outcomes, cancellationToken);
        await StopAsync(alive.Where(a => a.Spec.Name == leader).ToList(), outcomes, cancellationToken);

        foreach (var node in spec.Nodes)
        {
            NodeProcess.DeletePid(node.PidFile);
        }

        // After the members, so none of them sees its peers vanish before it is told to stop.
        await _proxy.StopAsync(_options.StopGracePeriod, cancellationToken);

        if (purge)
        {
            Purge(spec);
        }

        return recorded
            .Select(r => new NodeStopped(r.Spec.Name, r.Pid, outcomes.GetValueOrDefault(r.Spec.Name, StopOutcome.NotRunning), r.Spec.Name == leader))
            .ToList();
    }

    /// <summary>
    /// Null when every member runs, knows a leader and answers /health true (a quorum read, so they agree on the
    /// leader), else the first thing found wrong, in one line.
    /// </summary>
    public async Task<string?> HealthProblemAsync(CancellationToken cancellationToken = default)
    {
        if (Nodes().FirstOrDefault(n => !n.IsRunning) is { } stopped)
        {
            return $"{stopped.Name} is {(stopped.IsAlive ? "paused" : "down")}";
        }

        using var probe = new EtcdProbe();
        var nodes = Spec().Nodes;
        var problems = await Task.WhenAll(nodes.Select(node => HealthProblemAsync(probe, node, cancellationToken))).ConfigureAwait(false);
        return problems.Select((problem, i) => problem is null ? null : $"{nodes[i].Name}: {problem}").FirstOrDefault(p => p is not null);
    }

    /// <summary>SIGKILLs one member and waits until its process is gone; the time is taken right after kill(2).</summary>
    public async Task<NodeSignalled> KillAsync(string name, CancellationToken cancellationToken = default)
    {
        var node = FindNode(Spec(), name);
        var pid = RequireAlive(node);
        if (!Signals.Send(pid, Signals.SigKill))
        {
            throw AlreadyDown(node, pid);
        }

        var at = _time.GetUtcNow();
        await WaitUntilAsync(() => NodeProcess.HasExited(pid, node), SignalEffectTimeout, $"kill {name} (pid {pid})", cancellationToken);
        return new NodeSignalled(name, pid, Signals.SigKill, at);
    }

    /// <summary>SIGSTOPs one member (a hung process: it keeps its sockets but answers nothing).</summary>
    public async Task<NodeSignalled> PauseAsync(string name, CancellationToken cancellationToken = default)
    {
        var node = FindNode(Spec(), name);
        var pid = RequireAlive(node);
        if (ProcessInspector.Inspect(pid) == ProcessState.Stopped)
        {
            throw new OperatorException($"{name} is already paused (pid {pid}); resume it first");
        }

        Signals.Send(pid, Signals.SigStop);
        var at = _time.GetUtcNow();
        await WaitUntilAsync(() => ProcessInspector.Inspect(pid) != ProcessState.Running, SignalEffectTimeout, $"pause {name} (pid {pid})", cancellationToken);
        return new NodeSignalled(name, pid, Signals.SigStop, at);
    }

    /// <summary>SIGCONTs a paused member.</summary>
    public async Task<NodeSignalled> ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        var node = FindNode(Spec(), name);
        var pid = RequireAlive(node);
        if (ProcessInspector.Inspect(pid) != ProcessState.Stopped)
        {
            throw new OperatorException($"{name} is not paused (pid {pid} is running)");
        }

        Signals.Send(pid, Signals.SigCont);
        var at = _time.GetUtcNow();
        await WaitUntilAsync(() => ProcessInspector.Inspect(pid) != ProcessState.Stopped, SignalEffectTimeout, $"resume {name} (pid {pid})", cancellationToken);
        return new NodeSignalled(name, pid, Signals.SigCont, at);
    }

    /// <summary>Starts a member that is down with its data dir and flags, and waits until it answers status.</summary>
    public async Task<NodeStarted> RestartAsync(string name, CancellationToken cancellationToken = default)
    {
        var spec = Spec();
        var node = FindNode(spec, name);
        var current = LocalNode.From(node);
        if (current.State == ProcessState.Stopped)
        {
            throw new OperatorException($"{name} is paused (pid {current.Pid}), not down; resume it instead of restarting it");
        }

        if (current.IsAlive)
        {
            throw new OperatorException($"{name} is already running (pid {current.Pid}); kill it first with `operator chaos kill {name}`");
        }

        var binary = BinaryForExisting(spec, null);
        await EnsureFaultProxyAsync(spec, cancellationToken);
        await WaitForExitAsync(node, cancellationToken);
        EnsurePortsFree(node);
        var launched = await LaunchAsync(binary, node, cancellationToken);
        var answeredAt = await WaitAnsweringAsync(launched, cancellationToken);
        return new NodeStarted(name, launched.Pid, launched.LaunchedAt, answeredAt);
    }

    /// <summary>SIGKILLs every live recorded member at once and waits for them to go (teardown; no leader hand-off).</summary>
    public async Task<IReadOnlyList<NodeSignalled>> KillAllAsync(CancellationToken cancellationToken = default)
    {
        var spec = ClusterSpecStore.TryRead(_layout);
        await _proxy.KillAsync(cancellationToken);
        if (spec is null)
        {
            return [];
        }

        var killed = new List<(LocalNodeSpec Node, NodeSignalled Signal)>();
        foreach (var node in spec.Nodes)
        {
            if (NodeProcess.ReadPid(node.PidFile) is { } pid && NodeProcess.IsOurs(pid, node) && Signals.Send(pid, Signals.SigKill))
            {
                killed.Add((node, new NodeSignalled(node.Name, pid, Signals.SigKill, _time.GetUtcNow())));
            }
        }

        await WaitUntilAsync(
            () => killed.All(k => NodeProcess.HasExited(k.Signal.Pid, k.Node)),
            SignalEffectTimeout,
            "kill all members",
            cancellationToken);
        return killed.Select(k => k.Signal).ToList();
    }

    private async Task<IReadOnlyList<LocalNode>> CreateAsync(int count, string? etcdBinary, long? quotaBackendBytes, CancellationToken cancellationToken)
    {
        var binary = new EtcdBinaryLocator(_options.SearchPath).Locate(etcdBinary);
        for (var i = 1; i <= count; i++)
        {
            var dataDir = _layout.DataDir("n" + i.ToString(CultureInfo.InvariantCulture));
            if (Directory.Exists(dataDir))
            {
                throw new OperatorException(
                    $"{dataDir} exists but {ClusterFile} does not, so its cluster is unknown; remove {_layout.NodesDir} by hand or pass another --state-dir");
            }
        }

        // Faults and the proxy's files of an earlier cluster in this dir mean nothing to the new one.
        _proxy.DeleteFiles();
        var proxyCommand = _options.FaultProxyCommand;
        for (var attempt = 1; ; attempt++)
        {
            var ports = new LoopbackPorts(Random.Shared).Reserve(count * LocalClusterPlan.PortsPerNode(proxyCommand is not null));
            var spec = LocalClusterPlan.Create(_layout, binary, ports, _time.GetUtcNow(), proxyCommand is not null, quotaBackendBytes);
            ClusterSpecStore.Write(_layout, spec);
            try
            {
                if (proxyCommand is not null)
                {
                    await _proxy.StartAsync(proxyCommand, _options.StartTimeout, cancellationToken);
                }

                var launched = new List<LaunchedNode>();
                foreach (var node in spec.Nodes)
                {
                    launched.Add(await _launcher.StartAsync(binary, node, cancellationToken));
                }

                await WaitHealthyAsync(spec, launched, cancellationToken);
                return Nodes();
            }
            catch (NodeExitedException e) when (e.AddressInUse && attempt < CreateAttempts)
            {
                // Someone took a port between our check and etcd's bind. Nothing is stored yet: start over on new ports.
                await KillAllAsync(cancellationToken);
                foreach (var node in spec.Nodes)
                {
                    DeleteDirectory(_layout.NodeDir(node.Name));
                }
            }
            catch (NodeExitedException e)
            {
                throw e.ToOperatorException();
            }
        }
    }

    private async Task<LaunchedNode> LaunchAsync(string binary, LocalNodeSpec node, CancellationToken cancellationToken)
    {
        try
        {
            return await _launcher.StartAsync(binary, node, cancellationToken);
        }
        catch (NodeExitedException e)
        {
            throw e.ToOperatorException();
        }
    }

    /// <summary>Until every member knows a leader and answers /health true; throws NodeExitedException if one dies.</summary>
    private async Task WaitHealthyAsync(LocalClusterSpec spec, IReadOnlyList<LaunchedNode> launched, CancellationToken cancellationToken)
    {
        var pending = spec.Nodes.ToList();
        var problems = new Dictionary<string, string>();
        var started = _time.GetTimestamp();
        using var probe = new EtcdProbe();
        while (true)
        {
            foreach (var node in pending)
            {
                EnsureStillRunning(node, launched);
            }

            // In parallel: a frozen member costs one request timeout per round, not one per member.
            var checks = await Task.WhenAll(pending.Select(async node => (Node: node, Problem: await HealthProblemAsync(probe, node, cancellationToken))));
            foreach (var (node, problem) in checks)
            {
                if (problem is null)
                {
                    pending.Remove(node);
                }
                else
                {
                    problems[node.Name] = problem;
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (_time.GetElapsedTime(started) > _options.StartTimeout)
            {
                var node = pending[0];
                throw new OperatorException(
                    $"etcd {node.Name} did not become healthy within {_options.StartTimeout.TotalSeconds:0} s ({problems.GetValueOrDefault(node.Name, "no answer")}); see {node.StderrFile} and {node.LogFile}");
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    /// <summary>Null when the member knows a leader and /health is true, else what is wrong.</summary>
    private static async Task<string?> HealthProblemAsync(EtcdProbe probe, LocalNodeSpec node, CancellationToken cancellationToken)
    {
        var url = node.ClientUrl.GetLeftPart(UriPartial.Authority);
        try
        {
            var status = await probe.StatusAsync(node.ClientUrl, cancellationToken);
            if (status.LeaderId is null)
            {
                return $"get status from {url}: no leader yet";
            }

            return await probe.HealthyAsync(node.ClientUrl, cancellationToken) ? null : $"GET {url}/health: not healthy";
        }
        catch (Exception e) when (EtcdProbe.IsProbeFailure(e, cancellationToken))
        {
            return $"get status from {url}: {EtcdProbe.Describe(e)}";
        }
    }

    /// <summary>Until the restarted member answers status (it may still be catching up or without quorum).</summary>
    private async Task<DateTimeOffset> WaitAnsweringAsync(LaunchedNode launched, CancellationToken cancellationToken)
    {
        var node = launched.Node;
        var started = _time.GetTimestamp();
        var problem = "no answer";
        using var probe = new EtcdProbe();
        while (true)
        {
            try
            {
                EnsureStillRunning(node, [launched]);
                await probe.StatusAsync(node.ClientUrl, cancellationToken);
                return _time.GetUtcNow();
            }
            catch (NodeExitedException e)
            {
                throw e.ToOperatorException();
            }
            catch (Exception e) when (EtcdProbe.IsProbeFailure(e, cancellationToken))
            {
                problem = $"get status from {node.ClientUrl.GetLeftPart(UriPartial.Authority)}: {EtcdProbe.Describe(e)}";
            }

            if (_time.GetElapsedTime(started) > _options.StartTimeout)
            {
                throw new OperatorException(
                    $"etcd {node.Name} did not answer within {_options.StartTimeout.TotalSeconds:0} s of its restart ({problem}); see {node.StderrFile} and {node.LogFile}");
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private static void EnsureStillRunning(LocalNodeSpec node, IReadOnlyList<LaunchedNode> launched)
    {
        if (NodeProcess.ReadPid(node.PidFile) is { } pid && NodeProcess.IsOurs(pid, node))
        {
            return;
        }

        var mark = launched.FirstOrDefault(l => l.Node.Name == node.Name)?.Mark ?? LogMark.Start;
        throw EtcdLauncher.Exited(node, mark);
    }

    private async Task StopAsync(List<(LocalNodeSpec Spec, int Pid)> group, Dictionary<string, StopOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (group.Count == 0)
        {
            return;
        }

        foreach (var (spec, pid) in group)
        {
            Signals.Send(pid, Signals.SigTerm);
            if (ProcessInspector.Inspect(pid) == ProcessState.Stopped)
            {
                Signals.Send(pid, Signals.SigCont); // a paused etcd handles SIGTERM only once it runs again
            }

            outcomes[spec.Name] = StopOutcome.Terminated;
        }

        var started = _time.GetTimestamp();
        while (group.Any(g => !NodeProcess.HasExited(g.Pid, g.Spec)) && _time.GetElapsedTime(started) < _options.StopGracePeriod)
        {
            await Task.Delay(PollInterval, _time, cancellationToken);
        }

        var stubborn = group.Where(g => !NodeProcess.HasExited(g.Pid, g.Spec)).ToList();
        foreach (var (spec, pid) in stubborn)
        {
            if (NodeProcess.IsOurs(pid, spec))
            {
                Signals.Send(pid, Signals.SigKill);
            }

            outcomes[spec.Name] = StopOutcome.Killed;
        }

        await WaitUntilAsync(() => stubborn.All(g => NodeProcess.HasExited(g.Pid, g.Spec)), SignalEffectTimeout, "stop members", cancellationToken);
    }

    /// <summary>A member killed a moment ago may still be closing its sockets; let it finish before reusing its ports.</summary>
    private Task WaitForExitAsync(LocalNodeSpec node, CancellationToken cancellationToken) =>
        NodeProcess.ReadPid(node.PidFile) is { } pid
            ? WaitUntilAsync(() => NodeProcess.HasExited(pid, node), SignalEffectTimeout, $"wait for {node.Name} (pid {pid}) to exit", cancellationToken)
            : Task.CompletedTask;

    private void Purge(LocalClusterSpec spec)
    {
        try
        {
            // Only what this class created: nodes/<name>/ for recorded names, nodes/ if then empty, cluster.json.
            foreach (var node in spec.Nodes)
            {
                DeleteDirectory(_layout.NodeDir(node.Name));
            }

            if (Directory.Exists(_layout.NodesDir) && !Directory.EnumerateFileSystemEntries(_layout.NodesDir).Any())
            {
                Directory.Delete(_layout.NodesDir);
            }

            File.Delete(_layout.ClusterFile);
            _proxy.DeleteFiles();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"purge the cluster in {StateDir}: {e.Message}; remove {_layout.NodesDir} and {ClusterFile} by hand", e);
        }
    }

    private async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (!done())
        {
            if (_time.GetElapsedTime(started) > timeout)
            {
                throw new OperatorException($"{what}: the process did not react within {timeout.TotalSeconds:0} s; check it with `ps` and `cat /proc/PID/status`");
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private LocalClusterSpec RequireSpec(string hint) =>
        ClusterSpecStore.TryRead(_layout) ?? throw new OperatorException($"no cluster in {StateDir}; {hint}");

    private LocalNodeSpec FindNode(LocalClusterSpec spec, string name) =>
        spec.Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new OperatorException($"no node named {name} in {StateDir}; nodes are {Names(spec)}");

    private static int RequireAlive(LocalNodeSpec node)
    {
        var pid = NodeProcess.ReadPid(node.PidFile);
        if (pid is not { } p)
        {
            throw new OperatorException($"{node.Name} is already down (no pid recorded); start it with `operator chaos restart {node.Name}`");
        }

        return NodeProcess.IsOurs(p, node) ? p : throw AlreadyDown(node, p);
    }

    private static OperatorException AlreadyDown(LocalNodeSpec node, int pid) =>
        new($"{node.Name} is already down (pid {pid} is not running); start it with `operator chaos restart {node.Name}`");

    private string BinaryForExisting(LocalClusterSpec spec, string? etcdBinary)
    {
        var locator = new EtcdBinaryLocator(_options.SearchPath);
        if (etcdBinary is not null)
        {
            return locator.Locate(etcdBinary);
        }

        try
        {
            return locator.Locate(spec.EtcdBinary);
        }
        catch (OperatorException)
        {
            return locator.Locate(null); // the recorded binary went away; fall back to PATH
        }
    }

    /// <summary>Starts the cluster's fault proxy when it has one and it is not running; true when it was started now.</summary>
    private async Task<bool> EnsureFaultProxyAsync(LocalClusterSpec spec, CancellationToken cancellationToken)
    {
        if (!spec.HasFaultProxy || _proxy.RunningPid() is not null)
        {
            return false;
        }

        var command = _options.FaultProxyCommand
            ?? throw new OperatorException(
                $"the cluster in {StateDir} has a fault proxy in front of its peer ports, and this process has no command to start it; use the `operator` CLI (`operator cluster up`)");
        foreach (var node in spec.Nodes)
        {
            var port = node.PeerProxyPort!.Value;
            if (!LoopbackPorts.IsFree(port))
            {
                throw new OperatorException(
                    $"start the fault proxy: {node.Name}'s proxy port 127.0.0.1:{port} is in use by another process; free it (`ss -ltnp 'sport = :{port}'`), or recreate the cluster with `operator cluster down --purge` and `operator cluster up`");
            }
        }

        await _proxy.StartAsync(command, _options.StartTimeout, cancellationToken);
        return true;
    }

    private void EnsurePortsFree(LocalNodeSpec node)
    {
        foreach (var (port, role) in new[] { (node.ClientPort, "client"), (node.PeerPort, "peer"), (node.MetricsPort, "metrics") })
        {
            if (!LoopbackPorts.IsFree(port))
            {
                throw new OperatorException(
                    $"start etcd {node.Name}: its {role} port 127.0.0.1:{port} is in use by another process; free it (`ss -ltnp 'sport = :{port}'`), or recreate the cluster with `operator cluster down --purge` and `operator cluster up`");
            }
        }
    }

    private void EnsureWritableStateDir()
    {
        try
        {
            Directory.CreateDirectory(StateDir);
            var probe = Path.Combine(StateDir, $".write-check-{Environment.ProcessId}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"state dir {StateDir} is not writable ({e.Message}); pass a writable --state-dir", e);
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static string Names(LocalClusterSpec spec) => string.Join(", ", spec.Nodes.Select(n => n.Name));
}
