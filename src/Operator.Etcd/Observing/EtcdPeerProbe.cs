using System.Globalization;
using Operator.Etcd.Client;

namespace Operator.Etcd.Observing;

/// <summary>One member's peer-port answer to <c>GET /raft/probing</c> in one cycle, timed from when it was sent.</summary>
internal sealed record EtcdPeerProbe(string Node, Uri PeerUrl, EtcdResult<EtcdProbingHealth> Result, TimeSpan RoundTrip)
{
    public bool Ok => Result.Ok;

    /// <summary>The <see cref="EtcdReadings.PeerError"/> fact: <c>&lt;kind&gt;: &lt;message&gt;</c>, or null when it answered.</summary>
    public string? Error => Result.Ok ? null : $"{Kind(Result.Failure)}: {Result.Failure.Message}";

    public bool TimedOut => !Result.Ok && Result.Failure.Kind == EtcdFailureKind.Timeout;

    /// <summary>The readings this probe adds to its node.</summary>
    public void AddTo(Dictionary<string, double> values, Dictionary<string, string> facts)
    {
        facts[EtcdReadings.PeerUrl] = EtcdClient.Display(PeerUrl);
        if (Result.Ok || TimedOut)
        {
            // After a timeout the time waited is still a lower bound of the round trip: a slow path, not a cut one.
            values[EtcdReadings.PeerRoundTripSeconds] = Math.Round(RoundTrip.TotalSeconds, 6);
        }

        if (Error is { } error)
        {
            facts[EtcdReadings.PeerError] = error;
        }
    }

    private static string Kind(EtcdFailure failure) => failure.Kind switch
    {
        EtcdFailureKind.Refused => EtcdPeerErrors.Refused,
        EtcdFailureKind.Timeout => EtcdPeerErrors.Timeout,
        EtcdFailureKind.Garbage => EtcdPeerErrors.Garbage,
        EtcdFailureKind.HttpError => EtcdPeerErrors.HttpError,
        _ when failure.Detail.Contains("reset", StringComparison.OrdinalIgnoreCase) => EtcdPeerErrors.Reset,
        _ when failure.Detail.Contains("EOF", StringComparison.Ordinal) || failure.Detail.Contains("aborted", StringComparison.OrdinalIgnoreCase) => EtcdPeerErrors.Closed,
        _ => EtcdPeerErrors.Transport,
    };

    public override string ToString() => Ok
        ? $"{Node} peer {EtcdClient.Display(PeerUrl)} answered in {RoundTrip.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms"
        : $"{Node} peer {Error}";
}
