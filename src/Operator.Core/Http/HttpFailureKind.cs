namespace Operator.Core.Http;

/// <summary>Why an HTTP request to a node failed, in the few classes an observer acts on differently.</summary>
public enum HttpFailureKind
{
    /// <summary>Connection refused: nothing listens on the port (process dead or not started).</summary>
    Refused,

    /// <summary>Our deadline fired: the node connected but did not answer in time (hung, stopped, overloaded).</summary>
    Timeout,

    /// <summary>An answer came but was not what the service sends: not JSON, HTML, truncated, wrong shape, or a 5xx from something else.</summary>
    Garbage,

    /// <summary>The service answered with an HTTP error status and (usually) its own error message.</summary>
    HttpError,

    /// <summary>The connection broke in another way (reset, EOF before a full response, name resolution).</summary>
    OtherTransport,

    /// <summary>The service answered that the object asked for does not exist (a 404, or the API's own way of saying so).</summary>
    NotFound,
}
