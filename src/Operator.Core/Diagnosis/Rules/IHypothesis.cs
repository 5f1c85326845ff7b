namespace Operator.Core.Diagnosis.Rules;

/// <summary>One failure hypothesis of a subject's rules knowledge base: scores itself against the evidence present.</summary>
/// <typeparam name="TEvidence">The subject's view of a diagnosis context (e.g. etcd's or TiKV's evidence).</typeparam>
public interface IHypothesis<in TEvidence>
{
    /// <summary>Cause code from the subject's fixed vocabulary.</summary>
    string Cause { get; }

    /// <summary>What the hypothesis claims, for the given evidence ("n2's etcd process crashed").</summary>
    string Title(TEvidence evidence);

    /// <summary>0–1 with the supporting and contradicting facts, each citing the values seen.</summary>
    HypothesisScore Evaluate(TEvidence evidence);

    /// <summary>What to do if this hypothesis is the primary one.</summary>
    Remedy Remedy(TEvidence evidence);
}
