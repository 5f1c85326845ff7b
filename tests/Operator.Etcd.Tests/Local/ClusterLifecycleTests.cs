using System.Globalization;
using System.Runtime.Versioning;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Etcd.Local;
using Operator.Testing;

namespace Operator.Etcd.Tests.Local;

[UnsupportedOSPlatform("windows")]
[Collection(LocalEtcdCollection.Name)]
public sealed class ClusterLifecycleTests
{
    [Fact]
    public async Task Two_state_dirs_run_two_clusters_side_by_side()
    {
        await using var first = await EtcdTestCluster.StartAsync(3);
        await using var second = await EtcdTestCluster.StartAsync(1);

        var ports = first.Nodes.Concat(second.Nodes)
            .SelectMany(n => new[] { n.ClientUrl.Port, n.PeerUrl.Port, n.MetricsUrl.Port })
            .ToList();
        Assert.Equal(12, ports.Distinct().Count());

        await Gateway.PutAsync(first.Nodes[0].ClientUrl, "owner", "first");
        await Gateway.PutAsync(second.Nodes[0].ClientUrl, "owner", "second");
        Assert.Equal("first", await Gateway.GetAsync(first.Nodes[1].ClientUrl, "owner"));
        Assert.Equal("second", await Gateway.GetAsync(second.Nodes[0].ClientUrl, "owner"));
        Assert.All(first.Nodes.Concat(second.Nodes), n => Assert.Equal(ProcessState.Running, n.State));
    }

    [Fact]
    public async Task Down_stops_exactly_the_recorded_pids_and_purge_keeps_other_files()
    {
        await using var etcd = await EtcdTestCluster.StartAsync(3);
        using var bystander = new SleepingProcess();
        var unrelated = Path.Combine(etcd.StateDir, "operator.db");
        await File.WriteAllTextAsync(unrelated, "tickets");
        await Gateway.PutAsync(etcd.Nodes[0].ClientUrl, "survives-down", "yes");
        var pids = etcd.Nodes.Select(n => n.Pid!.Value).ToList();

        var stopped = await etcd.Cluster.DownAsync();

        Assert.Equal(pids, stopped.Select(s => s.Pid!.Value));
        Assert.All(stopped, s => Assert.Equal(StopOutcome.Terminated, s.Outcome));
        Assert.Single(stopped, s => s.WasLeader);
        Assert.All(pids, pid => Assert.Equal(ProcessState.Gone, ProcessInspector.Inspect(pid, "etcd")));
        Assert.Equal(ProcessState.Running, ProcessInspector.Inspect(bystander.Pid));
        Assert.All(etcd.Nodes, n => Assert.False(File.Exists(n.PidFile)));
        Assert.True(File.Exists(etcd.Cluster.ClusterFile));

        // A pid file that now points at another program (pid reuse) is never signalled.
        await File.WriteAllTextAsync(etcd.Nodes[0].PidFile, bystander.Pid.ToString(CultureInfo.InvariantCulture) + "\n");
        var kill = await Assert.ThrowsAsync<OperatorException>(() => etcd.Cluster.KillAsync("n1"));
        Assert.Equal($"n1 is already down (pid {bystander.Pid} is not running); start it with `operator chaos restart n1`", kill.Message);
        var again = await etcd.Cluster.DownAsync();
        Assert.All(again, s => Assert.Equal(StopOutcome.NotRunning, s.Outcome));
        Assert.Equal(ProcessState.Running, ProcessInspector.Inspect(bystander.Pid));

        var restarted = await etcd.Cluster.UpAsync();
        Assert.All(restarted, n => Assert.Equal(ProcessState.Running, n.State));
        Assert.Equal("yes", await Gateway.GetAsync(restarted[2].ClientUrl, "survives-down"));

        await etcd.Cluster.DownAsync(purge: true);

        Assert.False(File.Exists(etcd.Cluster.ClusterFile));
        Assert.False(Directory.Exists(Path.Combine(etcd.StateDir, "nodes")));
        Assert.Equal("tickets", await File.ReadAllTextAsync(unrelated));
        Assert.False(etcd.Cluster.Exists);
        Assert.Equal(ProcessState.Running, ProcessInspector.Inspect(bystander.Pid));
    }

    [Fact]
    public async Task Up_with_a_binary_that_exits_reports_its_last_output()
    {
        using var dir = new TempStateDir();
        var fake = Path.Combine(dir.Path, "etcd");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'flag provided but not defined: -bogus' >&2\nexit 2\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cluster = new LocalEtcdCluster(Path.Combine(dir.Path, "state"));

        var error = await Assert.ThrowsAsync<OperatorException>(() => cluster.UpAsync(1, fake));

        var stderr = Path.Combine(cluster.StateDir, "nodes", "n1", "etcd.stderr.log");
        Assert.StartsWith("start etcd n1: the process exited (flag provided but not defined: -bogus); see " + stderr, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_retries_on_new_ports_when_a_port_is_taken_at_first_start()
    {
        using var dir = new TempStateDir();
        var fake = Path.Combine(dir.Path, "etcd");
        var attempts = Path.Combine(dir.Path, "attempts");
        await File.WriteAllTextAsync(
            fake,
            $"#!/bin/sh\necho \"$6\" >>{attempts}\necho 'listen tcp 127.0.0.1:1: bind: address already in use' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cluster = new LocalEtcdCluster(Path.Combine(dir.Path, "state"));

        var error = await Assert.ThrowsAsync<OperatorException>(() => cluster.UpAsync(1, fake));

        Assert.StartsWith("start etcd n1: one of its ports (client ", error.Message, StringComparison.Ordinal);
        var clientUrls = await File.ReadAllLinesAsync(attempts);
        Assert.Equal(3, clientUrls.Length);
        Assert.Equal(3, clientUrls.Distinct().Count());
    }
}
