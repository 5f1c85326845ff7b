namespace Operator.FakeTikv.Pd;

/// <summary>How a PD path misbehaves when the scenario breaks it.</summary>
public enum PdFault
{
    /// <summary>200 with an HTML page instead of JSON (a proxy or login page in the way).</summary>
    Html,

    /// <summary>The usual status and content type, but the JSON body is cut in half.</summary>
    TruncatedJson,

    /// <summary>500 with a coded PD error string: <c>"[PD:etcd:ErrEtcdKVGet]context deadline exceeded"</c>.</summary>
    ServerError,

    /// <summary>Never answers.</summary>
    Hang,

    /// <summary>Closes the connection without answering.</summary>
    Drop,
}
