using Operator.Core.Observing;

namespace Operator.Core.Invariants;

/// <summary>
/// A named property of a healthy cluster. <see cref="Check"/> returns what is wrong in one observation;
/// the <see cref="InvariantEngine"/> applies grace periods, severity and enablement. Instances live for the
/// whole monitor run, so window-based invariants may keep history between calls.
/// </summary>
public interface IInvariant
{
    /// <summary>Name used in tickets, config and CLI (<c>member_down</c>).</summary>
    string Name { get; }

    /// <summary>One sentence: what must hold.</summary>
    string Description { get; }

    /// <summary>Defaults, overridable from configuration.</summary>
    InvariantSettings Defaults { get; }

    /// <summary>
    /// Findings for this observation. Return null when the invariant cannot be evaluated this cycle
    /// (e.g. no data), so open tickets are neither refreshed nor resolved.
    /// </summary>
    IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings);
}
