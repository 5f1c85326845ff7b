namespace Operator.Etcd.Client;

/// <summary>A classified request failure: what was done to which endpoint, and what happened.</summary>
/// <param name="Kind">Failure class.</param>
/// <param name="Operation">What was being done, to what (<c>get status from http://127.0.0.1:23792</c>).</param>
/// <param name="Detail">What happened, one line (<c>connection refused</c>).</param>
/// <param name="HttpStatus">HTTP status when the member answered with one.</param>
/// <param name="GrpcCode">gRPC code from etcd's error body, when present.</param>
public sealed record EtcdFailure(EtcdFailureKind Kind, string Operation, string Detail, int? HttpStatus = null, int? GrpcCode = null)
{
    /// <summary>The one-line error users see: <c>get status from http://127.0.0.1:23792: connection refused</c>.</summary>
    public string Message => $"{Operation}: {Detail}";

    public override string ToString() => Message;
}
