namespace Operator.Etcd;

/// <summary>
/// The kinds a <see cref="EtcdReadings.PeerError"/> fact starts with (<c>refused: probe peer port …: connection refused</c>).
/// A timeout means the peer port accepted but answered late or never (slow path or black hole); every other kind
/// means the path to the peer port is cut: nothing accepts, or the connection is closed or reset under us.
/// </summary>
public static class EtcdPeerErrors
{
    public const string Refused = "refused";
    public const string Reset = "reset";
    public const string Closed = "closed";
    public const string Timeout = "timeout";
    public const string Garbage = "garbage";
    public const string HttpError = "http_error";
    public const string Transport = "transport";

    /// <summary>The kind at the start of a peer error fact, or null when there is none.</summary>
    public static string? KindOf(string? peerError)
    {
        if (string.IsNullOrEmpty(peerError))
        {
            return null;
        }

        var colon = peerError.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? peerError : peerError[..colon];
    }

    /// <summary>True when the peer probe failed other than by timing out: the path to the peer port is cut.</summary>
    public static bool IsCut(string? peerError) => KindOf(peerError) is { } kind && kind != Timeout;

    /// <summary>True when the peer probe timed out.</summary>
    public static bool IsTimeout(string? peerError) => KindOf(peerError) == Timeout;

    /// <summary>The message after the kind.</summary>
    public static string Message(string peerError)
    {
        ArgumentNullException.ThrowIfNull(peerError);
        var colon = peerError.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? peerError : peerError[(colon + 1)..].TrimStart();
    }
}
