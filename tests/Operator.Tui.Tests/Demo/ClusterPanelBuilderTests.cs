using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.Tui.Demo;

namespace Operator.Tui.Tests.Demo;

public sealed class ClusterPanelBuilderTests
{
    [Fact]
    public void A_node_named_by_an_open_ticket_is_highlighted_and_others_are_not()
    {
        var o = Sample.Cluster(Sample.Node("n1", NodeState.Down), Sample.Node("n2", leader: true), Sample.Node("n3"));
        var panel = ClusterPanelBuilder.Build(o, [Sample.Ticket(4, "n1", Sample.T0)], n => $"d-{n.Name}", null);

        Assert.Equal(["n1", "n2", "n3"], panel.Nodes.Select(n => n.Name));
        Assert.True(panel.Nodes[0].IsHighlighted);
        Assert.Equal(4, panel.Nodes[0].Ticket!.Id);
        Assert.False(panel.Nodes[1].IsHighlighted);
        Assert.Equal("n2", panel.Leader);
        Assert.True(panel.Nodes[1].IsLeader);
        Assert.Equal("d-n3", panel.Nodes[2].Detail);
        Assert.Equal(NodeState.Down, panel.Nodes[0].State);
    }

    [Fact]
    public void The_highlight_clears_once_the_ticket_is_resolved()
    {
        var o = Sample.Healthy();
        var panel = ClusterPanelBuilder.Build(o, [Sample.Ticket(4, "n1", Sample.T0, TicketStatus.Resolved, resolvedAt: Sample.T0.AddSeconds(3))], n => string.Empty, null);
        Assert.All(panel.Nodes, n => Assert.False(n.IsHighlighted));
        Assert.Empty(panel.OpenTickets);
    }

    [Fact]
    public void Before_the_first_observation_the_panel_says_what_it_is_waiting_for()
    {
        var panel = ClusterPanelBuilder.Build(null, [], n => string.Empty, "starting the cluster…");
        Assert.Empty(panel.Nodes);
        Assert.Equal("starting the cluster…", panel.Note);
    }
}
