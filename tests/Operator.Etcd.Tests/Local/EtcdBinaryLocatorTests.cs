using System.Runtime.Versioning;
using Operator.Core;
using Operator.Etcd.Local;
using Operator.Testing;

namespace Operator.Etcd.Tests.Local;

[UnsupportedOSPlatform("windows")]
public sealed class EtcdBinaryLocatorTests
{
    [Fact]
    public void Finds_the_first_executable_etcd_on_the_search_path()
    {
        using var notExecutable = new TempStateDir();
        using var executable = new TempStateDir();
        File.WriteAllText(Path.Combine(notExecutable.Path, "etcd"), "");
        File.SetUnixFileMode(Path.Combine(notExecutable.Path, "etcd"), UnixFileMode.UserRead);
        File.WriteAllText(Path.Combine(executable.Path, "etcd"), "");
        File.SetUnixFileMode(Path.Combine(executable.Path, "etcd"), UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var found = new EtcdBinaryLocator($"/nonexistent:{notExecutable.Path}:{executable.Path}").Locate(null);

        Assert.Equal(Path.Combine(executable.Path, "etcd"), found);
    }

    [Fact]
    public void An_explicit_path_wins_over_the_search_path()
    {
        Assert.Equal("/usr/bin/etcd", new EtcdBinaryLocator(string.Empty).Locate("/usr/bin/etcd"));
    }

    [Fact]
    public void No_etcd_anywhere_is_the_install_hint()
    {
        var error = Assert.Throws<OperatorException>(() => new EtcdBinaryLocator(string.Empty).Locate(null));

        Assert.Equal(EtcdBinaryLocator.NotOnPathMessage, error.Message);
    }
}
