using Operator.Core.Http;

namespace Operator.Etcd.Client;

/// <summary>Turns transport exceptions into <see cref="EtcdFailureKind"/> plus a short human detail (the classes of <see cref="HttpFailureClassifier"/>).</summary>
internal static class EtcdFailureClassifier
{
    public static (EtcdFailureKind Kind, string Detail) Classify(Exception exception)
    {
        var (kind, detail) = HttpFailureClassifier.Classify(exception);
        return (ToEtcd(kind), detail);
    }

    public static EtcdFailure ToEtcd(HttpFailure failure) =>
        new(ToEtcd(failure.Kind), failure.Operation, failure.Detail, failure.HttpStatus);

    public static string OneLine(string text) => HttpFailureClassifier.OneLine(text);

    private static EtcdFailureKind ToEtcd(HttpFailureKind kind) => kind switch
    {
        HttpFailureKind.Refused => EtcdFailureKind.Refused,
        HttpFailureKind.Timeout => EtcdFailureKind.Timeout,
        HttpFailureKind.Garbage => EtcdFailureKind.Garbage,
        HttpFailureKind.OtherTransport => EtcdFailureKind.OtherTransport,
        _ => EtcdFailureKind.HttpError,
    };
}
