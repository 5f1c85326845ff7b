using Operator.Tui.State;

namespace Operator.Tui.Views;

/// <summary>Splits the nodes into one group per role, in the order the roles first appear.</summary>
internal static class NodeGroups
{
    // Roles are lower-case wire names; these read better spelled the way their projects spell them.
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["pd"] = "PD",
        ["tikv"] = "TiKV",
    };

    public static IReadOnlyList<NodeGroup> Of(IReadOnlyList<NodeRow?> nodes)
    {
        var groups = new List<NodeGroup>();
        foreach (var role in nodes.Where(n => n is not null).Select(n => n!.Role).Distinct(StringComparer.Ordinal))
        {
            groups.Add(new NodeGroup(role, Title(role), nodes.Where(n => n?.Role == role).ToList()));
        }

        return groups;
    }

    /// <summary>A role's group title: the known spelling, else the role upper-cased.</summary>
    public static string Title(string role) =>
        Titles.TryGetValue(role, out var title) ? title : CellText.Clean(role).ToUpperInvariant();
}
