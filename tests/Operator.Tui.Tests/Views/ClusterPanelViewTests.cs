using Operator.Core.Observing;
using Operator.Tui.State;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Tui.Tests.Views;

public sealed class ClusterPanelViewTests
{
    private static AnsiScreen Draw(ClusterPanelState state, int width = 60, int height = 12) =>
        AnsiScreen.Render(ClusterPanelView.Render(state, width, height), width, height);

    [Fact]
    public void Panel_is_titled_CLUSTER_and_counts_nodes_up()
    {
        var screen = Draw(Sample.Cluster(Sample.Node("n1", leader: true), Sample.Node("n2", NodeState.Down)));
        Assert.Contains("CLUSTER · 1/2 up", screen.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Down_node_is_drawn_red()
    {
        var screen = Draw(Sample.Cluster(Sample.Node("n1", leader: true), Sample.Node("n2", NodeState.Down)));
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("● down", lineWith: "n2").Foreground);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("down", lineWith: "n2").Foreground);
    }

    [Fact]
    public void Up_node_is_drawn_green()
    {
        var screen = Draw(Sample.Cluster(Sample.Node("n1", leader: true), Sample.Node("n2", NodeState.Down)));
        Assert.Equal(AnsiScreen.Fg(Color.Green), screen.At("● up", lineWith: "n1").Foreground);
    }

    [Theory]
    [InlineData(NodeState.Paused, "paused")]
    [InlineData(NodeState.Unresponsive, "unresponsive")]
    public void Paused_or_unresponsive_node_is_drawn_yellow(NodeState state, string word)
    {
        var screen = Draw(Sample.Cluster(Sample.Node("n1", leader: true), Sample.Node("n2", state)), width: 70);
        Assert.Equal(AnsiScreen.Fg(Color.Yellow), screen.At(word, lineWith: "n2").Foreground);
    }

    [Fact]
    public void Node_with_an_open_ticket_is_highlighted_with_the_ticket_number_and_invariant()
    {
        var screen = Draw(Sample.Cluster(Sample.Node("n1", NodeState.Down, ticket: Sample.Ticket(3, "n1")), Sample.Node("n2", leader: true)));

        var highlight = AnsiScreen.Bg(Color.Yellow);
        Assert.Equal(highlight, screen.At("n1").Background);
        Assert.Equal(highlight, screen.At("#3 member_down", lineWith: "n1").Background);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("down", lineWith: "n1").Foreground);
        Assert.NotEqual(highlight, screen.At("n2").Background);
    }

    [Fact]
    public void Highlight_clears_when_the_ticket_is_gone()
    {
        var screen = Draw(Sample.Cluster(Sample.Node("n1"), Sample.Node("n2", leader: true)));

        Assert.NotEqual(AnsiScreen.Bg(Color.Yellow), screen.At("n1").Background);
        Assert.DoesNotContain("#3", screen.Text, StringComparison.Ordinal);
        Assert.Contains("no open tickets", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Leader_mark_is_on_the_leader_row_only()
    {
        var screen = Draw(Sample.Cluster(Sample.Node("n1"), Sample.Node("n2", leader: true), Sample.Node("n3")));

        var rows = screen.Lines.Where(l => l.Contains("etcd", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(ClusterPanelView.LeaderMark + " n2", rows[1], StringComparison.Ordinal);
        Assert.Contains("leader", rows[1], StringComparison.Ordinal);
        Assert.DoesNotContain(ClusterPanelView.LeaderMark, rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain(ClusterPanelView.LeaderMark, rows[2], StringComparison.Ordinal);
        Assert.Contains($"leader {ClusterPanelView.LeaderMark} n2", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_tickets_are_listed_below_the_nodes_including_cluster_wide_ones()
    {
        var tickets = new List<TicketMark>
        {
            new(3, "member_down:n1", "n1", "critical", "diagnosed", "process_crashed"),
            new(4, "quorum_at_risk:cluster", null, "warning", "open", null),
        };
        var state = new ClusterPanelState([Sample.Node("n1", NodeState.Down, ticket: tickets[0]), Sample.Node("n2", leader: true)], "n2", tickets, null, null);
        var screen = Draw(state, width: 70);

        Assert.Contains("#3 member_down:n1 critical · diagnosed → process_crashed", screen.Text, StringComparison.Ordinal);
        Assert.Contains("#4 quorum_at_risk:cluster warning · open", screen.Text, StringComparison.Ordinal);
        Assert.True(screen.Find("#4 quorum").Row > screen.Find("n2").Row);
    }

    [Fact]
    public void Long_ticket_lines_wrap_when_there_is_room_and_are_cut_when_not()
    {
        var ticket = new TicketMark(3, "member_down:n1", "n1", "critical", "diagnosed", "process_crashed");
        var state = new ClusterPanelState([Sample.Node("n1", NodeState.Down, ticket: ticket), Sample.Node("n2", leader: true)], "n2", [ticket], null, null);

        var roomy = Draw(state, width: 40, height: 12);
        Assert.Contains("process_crashed", roomy.Text, StringComparison.Ordinal);

        var tight = Draw(state, width: 40, height: 6);
        Assert.Contains("#3 member_down:n1", tight.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("process_crashed", tight.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_known_leader_says_so_in_red()
    {
        var state = new ClusterPanelState([Sample.Node("n1", NodeState.Down), Sample.Node("n2")], null, [], null, null);
        var screen = Draw(state);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("no leader").Foreground);
    }

    [Fact]
    public void Note_is_shown_before_the_first_observation()
    {
        var screen = Draw(ClusterPanelState.Waiting("starting the cluster…"));
        Assert.Contains("starting the cluster…", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Details_are_shown_when_wide_and_dropped_when_narrow()
    {
        var state = Sample.HealthyCluster();
        Assert.Contains("term 4 · db 24 KiB", Draw(state, width: 70).Text, StringComparison.Ordinal);

        var narrow = Draw(state, width: 22);
        Assert.DoesNotContain("term", narrow.Text, StringComparison.Ordinal);
        Assert.Contains("n3", narrow.Text, StringComparison.Ordinal);
        Assert.Contains("● up", narrow.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void More_nodes_than_rows_are_packed_side_by_side_so_every_state_shows()
    {
        var state = Sample.Cluster(Sample.Node("n1", leader: true), Sample.Node("n2", NodeState.Down), Sample.Node("n3"), Sample.Node("n4"));
        var screen = Draw(state, width: 40, height: 4);

        Assert.Equal(4, screen.Lines.Count);
        foreach (var name in new[] { "n1", "n2", "n3", "n4" })
        {
            Assert.Contains(name, screen.Text, StringComparison.Ordinal);
        }

        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("● down").Foreground);
    }

    [Fact]
    public void Node_text_is_not_markup()
    {
        var state = Sample.Cluster(new NodeRow("[red]n1[/]", "[bold]", NodeState.Up, true, "[/]", null));
        var screen = Draw(state);
        Assert.Contains("[red]n1[/]", screen.Text, StringComparison.Ordinal);
    }
}
