using Operator.Core.Http;

namespace Operator.TiKV.Pd;

/// <summary>What one PD endpoint did when it was asked and did not give the answer.</summary>
public sealed record PdAttempt(Uri Endpoint, HttpFailure Failure)
{
    public override string ToString() => Failure.Message;
}
