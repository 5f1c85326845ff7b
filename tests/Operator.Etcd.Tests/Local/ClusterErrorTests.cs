using Operator.Core;
using Operator.Etcd.Local;
using Operator.Testing;

namespace Operator.Etcd.Tests.Local;

public sealed class ClusterErrorTests
{
    [Fact]
    public async Task Up_without_etcd_on_path_says_how_to_install_it()
    {
        using var dir = new TempStateDir();
        using var emptyBin = new TempStateDir();
        var cluster = new LocalEtcdCluster(dir.Path, options: new LocalEtcdClusterOptions { SearchPath = emptyBin.Path });

        var error = await Assert.ThrowsAsync<OperatorException>(() => cluster.UpAsync(3));

        Assert.Equal("etcd binary not found on PATH; install it with `apt-get install etcd-server` or pass --etcd-bin PATH", error.Message);
        Assert.False(cluster.Exists);
    }

    [Fact]
    public async Task Up_with_a_missing_etcd_bin_names_the_path()
    {
        using var dir = new TempStateDir();
        var cluster = new LocalEtcdCluster(dir.Path);

        var error = await Assert.ThrowsAsync<OperatorException>(() => cluster.UpAsync(3, "/nonexistent/etcd"));

        Assert.StartsWith("etcd binary /nonexistent/etcd does not exist or is not executable;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_into_a_state_dir_that_cannot_be_created_is_a_one_line_error()
    {
        using var dir = new TempStateDir();
        var file = Path.Combine(dir.Path, "plain-file");
        await File.WriteAllTextAsync(file, "x");
        var cluster = new LocalEtcdCluster(Path.Combine(file, "state"));

        var error = await Assert.ThrowsAsync<OperatorException>(() => cluster.UpAsync(3));

        Assert.StartsWith($"state dir {Path.Combine(file, "state")} is not writable (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); pass a writable --state-dir", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public async Task Up_refuses_a_node_count_out_of_range(int nodes)
    {
        using var dir = new TempStateDir();

        var error = await Assert.ThrowsAsync<OperatorException>(() => new LocalEtcdCluster(dir.Path).UpAsync(nodes));

        Assert.Equal($"cannot create a cluster of {nodes} nodes; use --nodes 1 to 9", error.Message);
    }

    [Fact]
    public async Task Chaos_commands_in_an_empty_state_dir_say_there_is_no_cluster()
    {
        using var dir = new TempStateDir();
        var cluster = new LocalEtcdCluster(dir.Path);
        var expected = $"no cluster in {dir.Path}; start one with `operator cluster up`";

        Assert.Equal(expected, (await Assert.ThrowsAsync<OperatorException>(() => cluster.KillAsync("n1"))).Message);
        Assert.Equal(expected, (await Assert.ThrowsAsync<OperatorException>(() => cluster.RestartAsync("n1"))).Message);
        Assert.Equal(expected, (await Assert.ThrowsAsync<OperatorException>(() => cluster.PauseAsync("n1"))).Message);
        Assert.Equal(expected, Assert.Throws<OperatorException>(() => cluster.Nodes()).Message);
        Assert.Empty(cluster.EndpointSource().Current());
    }

    [Fact]
    public async Task Down_in_an_empty_state_dir_says_there_is_nothing_to_stop()
    {
        using var dir = new TempStateDir();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "operator.db"), "keep");

        var error = await Assert.ThrowsAsync<OperatorException>(() => new LocalEtcdCluster(dir.Path).DownAsync(purge: true));

        Assert.Equal($"no cluster in {dir.Path}; nothing to stop", error.Message);
        Assert.Equal("keep", await File.ReadAllTextAsync(Path.Combine(dir.Path, "operator.db")));
    }
}
