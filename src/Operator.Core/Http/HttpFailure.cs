namespace Operator.Core.Http;

/// <summary>A classified request failure: what was done to which endpoint, and what happened.</summary>
/// <param name="Kind">Failure class.</param>
/// <param name="Operation">What was being done, to what (<c>get status from http://127.0.0.1:20180</c>).</param>
/// <param name="Detail">What happened, one line (<c>connection refused</c>).</param>
/// <param name="HttpStatus">HTTP status when the service answered with one.</param>
/// <param name="ErrorCode">The service's own error code from its error body, when present (<c>PD:core:ErrStoreNotFound</c>, <c>bad_data</c>).</param>
public sealed record HttpFailure(HttpFailureKind Kind, string Operation, string Detail, int? HttpStatus = null, string? ErrorCode = null)
{
    /// <summary>The one-line error users see: <c>get status from http://127.0.0.1:20180: connection refused</c>.</summary>
    public string Message => $"{Operation}: {Detail}";

    public override string ToString() => Message;
}
