namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>One etcd failure hypothesis of the rules knowledge base: scores itself against the evidence present.</summary>
public interface IEtcdHypothesis
{
    /// <summary>Cause code from <see cref="EtcdCauses"/>.</summary>
    string Cause { get; }

    /// <summary>What the hypothesis claims, for the given evidence ("n2's etcd process crashed").</summary>
    string Title(EtcdEvidence evidence);

    /// <summary>0–1 with the supporting and contradicting facts, each citing the values seen.</summary>
    HypothesisScore Evaluate(EtcdEvidence evidence);

    /// <summary>What to do if this hypothesis is the primary one.</summary>
    Remedy Remedy(EtcdEvidence evidence);
}
