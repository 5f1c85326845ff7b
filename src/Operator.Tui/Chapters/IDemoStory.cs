using Operator.Tui.Demo;

namespace Operator.Tui.Chapters;

/// <summary>The subject-specific sentences of the narration: what the cluster is, how it is watched, broken and mended.</summary>
public interface IDemoStory
{
    /// <summary>What runs, for the welcome (<c>an etcd cluster running on this machine</c>).</summary>
    string Cluster { get; }

    /// <summary>The cluster health chapter's text: what healthy means and which invariants the monitor checks.</summary>
    string Health { get; }

    /// <summary>The load chapter's text: what traffic runs and where its figures come from.</summary>
    string Load { get; }

    /// <summary>The fault chapter's text for <paramref name="fault"/>.</summary>
    string Fault(DemoFault fault);

    /// <summary>Where to look during the fault.</summary>
    string FaultWatch { get; }

    /// <summary>The detection chapter's text: how the monitor notices.</summary>
    string Detection { get; }

    /// <summary>The recovery chapter's text for <paramref name="fault"/>.</summary>
    string Recovery(DemoFault fault);
}
