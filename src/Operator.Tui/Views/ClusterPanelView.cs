using System.Globalization;
using Operator.Core.Observing;
using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// CLUSTER: one row per node (leader mark, name, role, coloured state, details), a node with an open ticket drawn on
/// a yellow background with the ticket beside it, then the leader, the open tickets and any note. Nodes of more than
/// one role (TiKV's PD members and stores) are shown in one group per role, each under its title.
/// </summary>
public static class ClusterPanelView
{
    public const string Title = "CLUSTER";
    public const string LeaderMark = "★";

    private const int Gap = 2;
    private const int MaxNameWidth = 16;
    private const int MaxRoleWidth = 10;
    private const int MinDetailWidth = 8;
    private const int NoteRows = 2;

    /// <param name="state">Nodes, leader, open tickets and note.</param>
    /// <param name="width">Panel width in cells, border included.</param>
    /// <param name="height">Panel height in rows, border included.</param>
    public static IRenderable Render(ClusterPanelState state, int width, int height)
    {
        var rows = Body(state, PanelFrame.InnerWidth(width), PanelFrame.InnerRows(height));
        var nodes = state?.Nodes ?? [];
        var down = 0;
        foreach (var node in nodes)
        {
            down += node is null || node.State == NodeState.Up ? 0 : 1;
        }

        var status = nodes.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{nodes.Count - down}/{nodes.Count} up");
        var titleMarkup = PanelFrame.Title(Title, status, width, down == 0 ? Palette.Good : Palette.Bad);
        return PanelFrame.Create(new FixedRows(rows), titleMarkup, width, height);
    }

    /// <summary>Rows the panel needs to show everything at <paramref name="width"/>, border included.</summary>
    public static int PreferredHeight(ClusterPanelState state, int width) =>
        Body(state, PanelFrame.InnerWidth(width), int.MaxValue / 2).Count + 2;

    internal static List<IReadOnlyList<Segment>> Body(ClusterPanelState? state, int width, int rows)
    {
        var nodes = state?.Nodes ?? [];
        var tickets = state?.OpenTickets ?? [];
        var noteRows = string.IsNullOrWhiteSpace(state?.Note)
            ? []
            : CellText.Wrap(CellText.Clean(state.Note), width, 2, NoteRows);

        // Spend the rows by importance, then lay them out in reading order: nodes, leader, tickets, note.
        var budget = rows;
        int Take(int wanted)
        {
            var taken = Math.Clamp(wanted, 0, budget);
            budget -= taken;
            return taken;
        }

        var result = new List<IReadOnlyList<Segment>>();
        if (nodes.Count == 0)
        {
            if (noteRows.Count == 0)
            {
                noteRows.Add(CellText.Cut("waiting for the first observation…", width));
            }

            var shownNote = Take(noteRows.Count);
            var shownTickets = Take(tickets.Count);
            AddTickets(result, tickets, shownTickets, width, wrap: false);
            AddNote(result, noteRows, shownNote, width, prepend: true);
            return result;
        }

        var groups = NodeGroups.Of(nodes);
        var nodeRows = nodes.Count + (groups.Count > 1 ? groups.Count : 0);
        var shownNodes = Take(nodeRows);
        var shownLeader = Take(1);
        var shownNoteRows = Take(noteRows.Count);
        var shownTicketRows = Take(Math.Max(1, tickets.Count));

        // Spare rows let long tickets wrap instead of being cut; a blank row under the nodes comes last.
        var wrapTickets = false;
        if (tickets.Count > 0 && shownTicketRows == tickets.Count)
        {
            var extra = WrappedTicketRows(tickets, width) - tickets.Count;
            wrapTickets = extra <= budget;
            shownTicketRows += wrapTickets ? Take(extra) : 0;
        }

        var spacer = Take(1);

        if (shownNodes < nodeRows)
        {
            // Not a row each: pack the nodes side by side so every node's state stays visible.
            result.AddRange(PackedNodes(nodes, width, shownNodes));
        }
        else if (groups.Count > 1)
        {
            // The group title names the role, so the role column would only repeat it.
            var columns = NodeColumns.For(nodes, width, withRole: false);
            foreach (var group in groups)
            {
                result.Add(GroupTitleRow(group, width));
                foreach (var node in group.Nodes)
                {
                    result.Add(NodeRowSegments(node, columns, width));
                }
            }
        }
        else
        {
            var columns = NodeColumns.For(nodes, width, withRole: true);
            foreach (var node in nodes)
            {
                result.Add(NodeRowSegments(node, columns, width));
            }
        }

        if (spacer > 0)
        {
            result.Add([]);
        }

        if (shownLeader > 0)
        {
            // With groups, say whose leader it is ("PD leader ★ pd1"): the other group has no leader of its own here.
            var leaderGroup = groups.Count > 1 ? groups.FirstOrDefault(g => g.Nodes.Any(n => n?.Name == state?.Leader))?.Title : null;
            result.Add(LeaderRow(state?.Leader, leaderGroup, width));
        }

        AddTickets(result, tickets, wrapTickets ? tickets.Count : shownTicketRows, width, wrapTickets);
        AddNote(result, noteRows, shownNoteRows, width, prepend: false);
        return result;
    }

    private static List<Segment> NodeRowSegments(NodeRow? node, NodeColumns columns, int width)
    {
        if (node is null)
        {
            return [];
        }

        var lit = node.Ticket is not null;
        Style Paint(Style style) => lit ? new Style(style.Foreground == Color.Default ? Color.Black : style.Foreground, Color.Yellow, Decoration.Bold) : style;

        var stateColor = Palette.ForState(node.State, lit);
        var segments = new List<Segment>
        {
            new(node.IsLeader ? LeaderMark + " " : "  ", Paint(new Style(lit ? Color.Black : Color.Gold1, decoration: Decoration.Bold))),
            new(CellText.Fit(CellText.Clean(node.Name), columns.Name), Paint(Palette.Bold)),
        };
        if (columns.Role > 0)
        {
            segments.Add(new Segment(new string(' ', Gap) + CellText.Fit(CellText.Clean(node.Role), columns.Role), Paint(lit ? Style.Plain : Palette.Dim)));
        }

        segments.Add(new Segment(new string(' ', Gap) + "● ", Paint(new Style(stateColor))));
        segments.Add(new Segment(CellText.Fit(StateName(node.State), columns.State), Paint(new Style(stateColor, decoration: Decoration.Bold))));
        if (columns.Leader > 0)
        {
            segments.Add(new Segment(new string(' ', Gap) + CellText.Fit(node.IsLeader ? "leader" : string.Empty, columns.Leader), Paint(Style.Plain)));
        }

        var used = Segment.CellCount(segments);
        var room = width - used - Gap;
        var extra = lit ? TicketLabel(node.Ticket!) : columns.ShowDetail ? CellText.Clean(node.Detail) : string.Empty;
        if (room > 0 && extra.Length > 0)
        {
            segments.Add(new Segment(new string(' ', Gap) + CellText.Cut(extra, room), Paint(lit ? Style.Plain : Palette.Dim)));
        }

        if (lit)
        {
            // Highlight the full row, not just the words.
            var missing = width - Segment.CellCount(segments);
            if (missing > 0)
            {
                segments.Add(new Segment(new string(' ', missing), Palette.Highlight));
            }
        }

        return segments;
    }

    /// <summary>Nodes as <c>★n2 ● up</c> tokens packed into <paramref name="rows"/> rows; what does not fit is counted.</summary>
    private static List<IReadOnlyList<Segment>> PackedNodes(IReadOnlyList<NodeRow?> nodes, int width, int rows)
    {
        var result = new List<IReadOnlyList<Segment>>();
        if (rows <= 0)
        {
            return result;
        }

        var row = new List<Segment>();
        var used = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node is null)
            {
                continue;
            }

            var name = (node.IsLeader ? LeaderMark : string.Empty) + CellText.Clean(node.Name, 64);
            var state = "● " + StateName(node.State);
            var tokenWidth = CellText.Width(name) + 1 + state.Length;
            var gap = row.Count > 0 ? Gap : 0;
            if (used + gap + tokenWidth > width && row.Count > 0)
            {
                if (result.Count == rows - 1)
                {
                    var more = string.Create(CultureInfo.InvariantCulture, $"  +{nodes.Count - i}");
                    row.Add(new Segment(CellText.Cut(more, Math.Max(0, width - used)), Palette.Dim));
                    break;
                }

                result.Add(row);
                row = [];
                used = 0;
                gap = 0;
            }

            var lit = node.Ticket is not null;
            var room = Math.Max(0, width - used);
            var nameCut = CellText.Cut(new string(' ', gap) + name, room);
            row.Add(new Segment(nameCut, lit ? Palette.Highlight : Palette.Bold));
            var stateCut = CellText.Cut(" " + state, Math.Max(0, room - CellText.Width(nameCut)));
            row.Add(new Segment(stateCut, new Style(Palette.ForState(node.State))));
            used += CellText.Width(nameCut) + CellText.Width(stateCut);
        }

        if (row.Count > 0 && result.Count < rows)
        {
            result.Add(row);
        }

        return result;
    }

    private static List<Segment> LeaderRow(string? leader, string? group, int width)
    {
        if (string.IsNullOrWhiteSpace(leader))
        {
            return FixedRows.Row(CellText.Cut("no leader", width), Palette.BadBold);
        }

        var label = group is null ? "leader " : group + " leader ";
        var cut = CellText.Cut(label, width);
        return
        [
            new Segment(cut, Palette.Dim),
            new Segment(CellText.Cut(LeaderMark + " " + CellText.Clean(leader), Math.Max(0, width - CellText.Width(cut))), new Style(Color.Gold1, decoration: Decoration.Bold)),
        ];
    }

    /// <summary><c>PD · 3/3 up</c>: the group's title in bold, how many of its nodes are up dimmed (red when some are not).</summary>
    private static List<Segment> GroupTitleRow(NodeGroup group, int width)
    {
        var up = group.Nodes.Count(n => n?.State == NodeState.Up);
        var title = CellText.Cut(group.Title, width);
        var count = CellText.Cut(string.Create(CultureInfo.InvariantCulture, $" · {up}/{group.Nodes.Count} up"), Math.Max(0, width - CellText.Width(title)));
        return
        [
            new Segment(title, Palette.Bold),
            new Segment(count, up == group.Nodes.Count ? Palette.Dim : Palette.BadText),
        ];
    }

    private static void AddTickets(List<IReadOnlyList<Segment>> result, IReadOnlyList<TicketMark?> tickets, int rows, int width, bool wrap)
    {
        if (rows <= 0)
        {
            return;
        }

        if (tickets.Count == 0)
        {
            result.Add(FixedRows.Row(CellText.Cut("no open tickets", width), Palette.Dim));
            return;
        }

        var hidden = tickets.Count - rows;
        var shown = hidden > 0 ? rows - 1 : tickets.Count;
        for (var i = 0; i < shown; i++)
        {
            result.AddRange(TicketRows(tickets[i], width, wrap ? 2 : 1));
        }

        if (hidden > 0)
        {
            result.Add(FixedRows.Row(CellText.Cut(string.Create(CultureInfo.InvariantCulture, $"+{hidden + 1} more tickets"), width), Palette.Dim));
        }
    }

    /// <summary><c>▲ #3 member_down:n1 critical · diagnosed → process_crashed</c> in the severity's colour, the key in bold.</summary>
    private static List<IReadOnlyList<Segment>> TicketRows(TicketMark? t, int width, int maxRows)
    {
        if (t is null)
        {
            return [[]];
        }

        var color = Palette.ForSeverity(t.Severity);
        var head = string.Create(CultureInfo.InvariantCulture, $"▲ #{t.Id} {CellText.Clean(t.Key, 256)}");
        var tail = string.Create(CultureInfo.InvariantCulture, $" {CellText.Clean(t.Severity, 64)} · {CellText.Clean(t.Status, 64)}")
            + (string.IsNullOrEmpty(t.Cause) ? string.Empty : " → " + CellText.Clean(t.Cause, 256));
        var wrapped = CellText.Wrap(head + tail, width, 2, maxRows);
        var rows = new List<IReadOnlyList<Segment>>(wrapped.Count);
        var bold = new Style(color, decoration: Decoration.Bold);
        var plain = new Style(color);
        for (var r = 0; r < wrapped.Count; r++)
        {
            var row = wrapped[r];
            var boldLength = r == 0 ? Math.Min(head.Length, row.Length) : 0;
            rows.Add(boldLength < row.Length
                ? [new Segment(row[..boldLength], bold), new Segment(row[boldLength..], plain)]
                : [new Segment(row, bold)]);
        }

        return rows;
    }

    /// <summary>Rows all tickets take when each may wrap onto a second row.</summary>
    private static int WrappedTicketRows(IReadOnlyList<TicketMark?> tickets, int width)
    {
        var rows = 0;
        foreach (var t in tickets)
        {
            rows += TicketRows(t, width, 2).Count;
        }

        return rows;
    }

    private static void AddNote(List<IReadOnlyList<Segment>> result, List<string> noteRows, int rows, int width, bool prepend)
    {
        var kept = CellText.Keep(noteRows, rows, width);
        var styled = kept.ConvertAll(r => (IReadOnlyList<Segment>)FixedRows.Row(r, Palette.WarnText));
        result.InsertRange(prepend ? 0 : result.Count, styled);
    }

    /// <summary><c>#3 member_down</c>: the ticket's number and invariant (the cause is in the ticket list below).</summary>
    internal static string TicketLabel(TicketMark ticket)
    {
        var key = CellText.Clean(ticket.Key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var invariant = colon > 0 ? key[..colon] : key;
        return string.Create(CultureInfo.InvariantCulture, $"#{ticket.Id} {invariant}");
    }

    internal static string StateName(NodeState state) => state switch
    {
        NodeState.Up => "up",
        NodeState.Down => "down",
        NodeState.Paused => "paused",
        NodeState.Unresponsive => "unresponsive",
        _ => "unknown",
    };

    /// <summary>Column widths for the node rows; role, the "leader" word and details are dropped as the panel narrows.</summary>
    private sealed record NodeColumns(int Name, int Role, int State, int Leader, bool ShowDetail)
    {
        public static NodeColumns For(IReadOnlyList<NodeRow?> nodes, int width, bool withRole)
        {
            int name = 1, role = 0, state = 2, extra = 0;
            foreach (var node in nodes)
            {
                if (node is null)
                {
                    continue;
                }

                name = Math.Max(name, CellText.Width(CellText.Clean(node.Name)));
                role = withRole ? Math.Max(role, CellText.Width(CellText.Clean(node.Role))) : 0;
                state = Math.Max(state, StateName(node.State).Length);
                extra = Math.Max(extra, CellText.Width(node.Ticket is null ? CellText.Clean(node.Detail) : TicketLabel(node.Ticket)));
            }

            name = Math.Min(name, MaxNameWidth);
            role = Math.Min(role, MaxRoleWidth);

            // Mark, name, "● state" always; the rest only while something useful still fits after it.
            var used = 2 + name + Gap + 2 + state;
            if (used > width)
            {
                name = Math.Max(1, name - (used - width));
                used = 2 + name + Gap + 2 + state;
            }

            var showRole = role > 0 && used + Gap + role + Gap + 6 <= width;
            used += showRole ? Gap + role : 0;
            // The word "leader" only when details and ticket labels still fit whole after it (the mark says it anyway).
            var leader = used + Gap + 6 + Gap + Math.Max(extra, MinDetailWidth) <= width ? 6 : 0;
            used += leader > 0 ? Gap + leader : 0;
            return new NodeColumns(name, showRole ? role : 0, state, leader, width - used - Gap >= MinDetailWidth);
        }
    }
}
