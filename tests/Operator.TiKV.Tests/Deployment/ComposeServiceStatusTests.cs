using Operator.Core;
using Operator.TiKV.Deployment;

namespace Operator.TiKV.Tests.Deployment;

public sealed class ComposeServiceStatusTests
{
    private const string Pd0 = """{"ExitCode":0,"Health":"healthy","Name":"operator-tikv-pd0-1","Service":"pd0","State":"running","Status":"Up 2 minutes (healthy)"}""";
    private const string Tikv1 = """{"ExitCode":137,"Health":"","Name":"operator-tikv-tikv1-1","Service":"tikv1","State":"exited","Status":"Exited (137) 4 seconds ago"}""";

    [Fact]
    public void One_object_per_line_is_read()
    {
        var statuses = ComposeServiceStatus.ParseAll(Pd0 + "\n" + Tikv1 + "\n");

        Assert.Equal(
            [
                new ComposeServiceStatus("pd0", "operator-tikv-pd0-1", "running", "healthy", 0, "Up 2 minutes (healthy)"),
                new ComposeServiceStatus("tikv1", "operator-tikv-tikv1-1", "exited", "", 137, "Exited (137) 4 seconds ago"),
            ],
            statuses);
        Assert.True(statuses[0].IsRunning);
        Assert.False(statuses[1].IsRunning);
    }

    [Fact]
    public void An_array_from_older_compose_is_read()
    {
        var statuses = ComposeServiceStatus.ParseAll($"[{Pd0},{Tikv1}]");

        Assert.Equal(["pd0", "tikv1"], statuses.Select(s => s.Service));
    }

    [Fact]
    public void No_containers_is_an_empty_list()
    {
        Assert.Empty(ComposeServiceStatus.ParseAll(string.Empty));
        Assert.Empty(ComposeServiceStatus.ParseAll("[]\n"));
    }

    [Fact]
    public void Missing_or_mistyped_fields_become_empty()
    {
        var status = Assert.Single(ComposeServiceStatus.ParseAll("""{"Service":"pd1","ExitCode":"x","State":7}"""));

        Assert.Equal(new ComposeServiceStatus("pd1", "", "", "", 0, ""), status);
    }

    [Theory]
    [InlineData("NAME  IMAGE  COMMAND")]
    [InlineData("{\"Service\":\"pd0\"")]
    [InlineData("[1, 2]")]
    public void Other_output_is_one_line_error(string output)
    {
        var e = Assert.Throws<OperatorException>(() => ComposeServiceStatus.ParseAll(output));

        Assert.StartsWith("read `docker compose ps --format json`: its output is not compose's JSON", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
