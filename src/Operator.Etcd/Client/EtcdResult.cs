using System.Diagnostics.CodeAnalysis;

namespace Operator.Etcd.Client;

/// <summary>Either a parsed etcd answer or a classified failure; requests return this instead of throwing.</summary>
public sealed class EtcdResult<T>
    where T : class
{
    public EtcdResult(T value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    public EtcdResult(EtcdFailure failure)
    {
        Failure = failure ?? throw new ArgumentNullException(nameof(failure));
    }

    public T? Value { get; }

    public EtcdFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Ok => Failure is null;

    public override string ToString() => Ok ? $"ok: {Value}" : Failure.Message;
}
