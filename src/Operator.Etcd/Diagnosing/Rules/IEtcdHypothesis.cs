using Operator.Core.Diagnosis.Rules;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>One etcd failure hypothesis of the rules knowledge base: scores itself against the etcd evidence present.</summary>
public interface IEtcdHypothesis : IHypothesis<EtcdEvidence>
{
}
