namespace Operator.Etcd.Client;

/// <summary>Why a request to an etcd member failed, in the few classes the observer acts on differently.</summary>
public enum EtcdFailureKind
{
    /// <summary>Connection refused: nothing listens on the port (process dead or not started).</summary>
    Refused,

    /// <summary>Our deadline fired: the member connected but did not answer in time (hung, SIGSTOPped, overloaded).</summary>
    Timeout,

    /// <summary>An answer came but was not what etcd sends: not JSON, HTML, truncated, wrong shape, or a 5xx from something else.</summary>
    Garbage,

    /// <summary>etcd answered with an HTTP error status and (usually) its own error message.</summary>
    HttpError,

    /// <summary>The connection broke in another way (reset, EOF before a full response, name resolution).</summary>
    OtherTransport,
}
