using Operator.Core.Observing;
using Operator.Tui.State;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Tui.Tests.Views;

/// <summary>The CLUSTER panel for a subject with two kinds of node (TiKV: PD members and stores).</summary>
public sealed class GroupedClusterPanelViewTests
{
    private static AnsiScreen Draw(ClusterPanelState state, int width = 64, int height = 16) =>
        AnsiScreen.Render(ClusterPanelView.Render(state, width, height), width, height);

    private static NodeRow Pd(string name, NodeState state = NodeState.Up, bool leader = false, TicketMark? ticket = null) =>
        new(name, "pd", state, leader, leader ? "PD leader" : "PD member", ticket);

    private static NodeRow Store(string name, NodeState state = NodeState.Up, TicketMark? ticket = null) =>
        new(name, "tikv", state, false, "Up · 12 regions · 4 leaders · disk 37%", ticket);

    private static ClusterPanelState DefaultTopology(NodeState store4 = NodeState.Up, TicketMark? ticket = null) =>
        Sample.Cluster(Pd("pd0"), Pd("pd1", leader: true), Pd("pd2"), Store("store1"), Store("store4", store4, ticket), Store("store5"));

    [Fact]
    public void Pd_members_and_stores_are_shown_in_two_titled_groups_one_row_per_node()
    {
        var screen = Draw(DefaultTopology());

        var lines = screen.Lines.Select(l => l.Trim('│', ' ')).ToList();
        var pdTitle = lines.FindIndex(l => l.StartsWith("PD · 3/3 up", StringComparison.Ordinal));
        var tikvTitle = lines.FindIndex(l => l.StartsWith("TiKV · 3/3 up", StringComparison.Ordinal));
        Assert.True(pdTitle > 0, screen.Text);
        Assert.Equal(pdTitle + 4, tikvTitle);
        Assert.Equal(["pd0", "pd1", "pd2"], lines.Skip(pdTitle + 1).Take(3).Select(FirstName));
        Assert.Equal(["store1", "store4", "store5"], lines.Skip(tikvTitle + 1).Take(3).Select(FirstName));
        Assert.Equal(6, screen.Lines.Count(l => l.Contains("● up", StringComparison.Ordinal)));
        Assert.Contains("CLUSTER · 6/6 up", screen.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Role_column_is_left_to_the_group_titles()
    {
        var screen = Draw(DefaultTopology());
        var storeRow = screen.Lines.Single(l => l.Contains("store1", StringComparison.Ordinal));
        Assert.DoesNotContain("tikv", storeRow, StringComparison.Ordinal);
        Assert.Contains("12 regions · 4 leaders · disk 37%", storeRow, StringComparison.Ordinal);
    }

    [Fact]
    public void Leader_mark_is_on_the_pd_leader_and_the_leader_row_names_pd()
    {
        var screen = Draw(DefaultTopology());

        var marked = screen.Lines.Where(l => l.Contains(ClusterPanelView.LeaderMark + " ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, marked.Count); // the pd1 row and the leader row
        Assert.Contains(ClusterPanelView.LeaderMark + " pd1", marked[0], StringComparison.Ordinal);
        Assert.Contains($"PD leader {ClusterPanelView.LeaderMark} pd1", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_with_an_open_ticket_is_highlighted_in_its_group_and_the_group_title_turns_red()
    {
        var ticket = Sample.Ticket(7, "store4", "store_down");
        var screen = Draw(DefaultTopology(NodeState.Down, ticket));

        var highlight = AnsiScreen.Bg(Color.Yellow);
        Assert.Equal(highlight, screen.At("store4").Background);
        Assert.Equal(highlight, screen.At("#7 store_down", lineWith: "store4").Background);
        Assert.NotEqual(highlight, screen.At("store1").Background);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At(" · 2/3 up", lineWith: "TiKV").Foreground);
        Assert.Equal(AnsiScreen.Fg(Color.Grey), screen.At(" · 3/3 up", lineWith: "PD").Foreground);
        Assert.Contains("CLUSTER · 5/6 up", screen.Lines[0], StringComparison.Ordinal);
        Assert.Contains("▲ #7 store_down:store4", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_rows_pack_every_node_side_by_side()
    {
        var screen = Draw(DefaultTopology(NodeState.Down), width: 60, height: 5);

        Assert.DoesNotContain("TiKV ·", screen.Text, StringComparison.Ordinal);
        foreach (var name in new[] { "pd0", "pd1", "pd2", "store1", "store4", "store5" })
        {
            Assert.Contains(name, screen.Text, StringComparison.Ordinal);
        }

        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("● down").Foreground);
    }

    [Fact]
    public void One_role_has_no_group_titles()
    {
        var screen = Draw(Sample.HealthyCluster());
        Assert.DoesNotContain("ETCD", screen.Text, StringComparison.Ordinal);
        Assert.Equal(3, screen.Lines.Count(l => l.Contains("etcd", StringComparison.Ordinal)));
        Assert.Contains($"│ leader {ClusterPanelView.LeaderMark} n1", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Preferred_height_counts_the_group_titles()
    {
        var grouped = ClusterPanelView.PreferredHeight(DefaultTopology(), 64);
        var flat = ClusterPanelView.PreferredHeight(Sample.Cluster(Sample.Node("n1", leader: true), Sample.Node("n2"), Sample.Node("n3"), Sample.Node("n4"), Sample.Node("n5"), Sample.Node("n6")), 64);
        Assert.Equal(flat + 2, grouped);
    }

    private static string FirstName(string line) =>
        line.TrimStart(ClusterPanelView.LeaderMark[0], ' ').Split(' ', 2)[0];
}
