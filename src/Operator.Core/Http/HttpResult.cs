using System.Diagnostics.CodeAnalysis;

namespace Operator.Core.Http;

/// <summary>Either a parsed answer or a classified failure; requests return this instead of throwing.</summary>
public sealed class HttpResult<T>
    where T : class
{
    public HttpResult(T value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    public HttpResult(HttpFailure failure)
    {
        Failure = failure ?? throw new ArgumentNullException(nameof(failure));
    }

    public T? Value { get; }

    public HttpFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Ok => Failure is null;

    public override string ToString() => Ok ? $"ok: {Value}" : Failure.Message;
}
