using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>One TiKV failure hypothesis of the rules knowledge base.</summary>
public interface ITikvHypothesis : IHypothesis<TikvEvidence>
{
}
