using System.Diagnostics.CodeAnalysis;
using Operator.Core.Http;

namespace Operator.TiKV.Pd;

/// <summary>
/// The outcome of one PD call across its endpoints: the answer and which endpoint gave it, or the failure; in both
/// cases what each endpoint asked before did. Calls return this instead of throwing.
/// </summary>
public sealed class PdResult<T>
    where T : class
{
    internal PdResult(T value, Uri answeredBy, IReadOnlyList<PdAttempt> failedEndpoints)
    {
        Value = value;
        AnsweredBy = answeredBy;
        FailedEndpoints = failedEndpoints;
    }

    internal PdResult(HttpFailure failure, Uri? answeredBy, IReadOnlyList<PdAttempt> failedEndpoints)
    {
        Failure = failure;
        AnsweredBy = answeredBy;
        FailedEndpoints = failedEndpoints;
    }

    public T? Value { get; }

    /// <summary>
    /// Why there is no value: PD's own verdict (e.g. <see cref="HttpFailureKind.NotFound"/>, not bootstrapped) when an
    /// endpoint gave one, otherwise one failure naming every endpoint and what it did.
    /// </summary>
    public HttpFailure? Failure { get; }

    /// <summary>The endpoint whose answer this is (a value or PD's verdict); null when no endpoint answered.</summary>
    public Uri? AnsweredBy { get; }

    /// <summary>Endpoints tried without an answer, in the order tried (all of them when <see cref="AnsweredBy"/> is null).</summary>
    public IReadOnlyList<PdAttempt> FailedEndpoints { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Ok => Failure is null;

    /// <summary>True when PD said the cluster has no TiKV yet (<see cref="PdErrorCodes.NotBootstrapped"/>).</summary>
    public bool NotBootstrapped => Failure?.ErrorCode == PdErrorCodes.NotBootstrapped;

    public override string ToString() => Ok ? $"ok from {DeadlineHttpClient.Display(AnsweredBy!)}: {Value}" : Failure.Message;
}
