using System.Net.Sockets;

namespace Operator.Etcd.Client;

/// <summary>Turns transport exceptions into <see cref="EtcdFailureKind"/> plus a short human detail.</summary>
internal static class EtcdFailureClassifier
{
    public static (EtcdFailureKind Kind, string Detail) Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException socket:
                    return Classify(socket);
                case TimeoutException:
                    return (EtcdFailureKind.Timeout, "connect timed out");
                default:
                    break;
            }
        }

        if (exception is HttpRequestException http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.ResponseEnded => (EtcdFailureKind.OtherTransport, "connection closed before a complete response (EOF)"),
                HttpRequestError.InvalidResponse => (EtcdFailureKind.Garbage, "not an HTTP response"),
                HttpRequestError.NameResolutionError => (EtcdFailureKind.OtherTransport, "cannot resolve the host name"),
                HttpRequestError.ConnectionError => (EtcdFailureKind.OtherTransport, "cannot connect: " + OneLine(http.Message)),
                _ => (EtcdFailureKind.OtherTransport, OneLine(http.Message)),
            };
        }

        return exception switch
        {
            // SocketsHttpHandler's ConnectTimeout surfaces as a cancellation that is not ours.
            OperationCanceledException => (EtcdFailureKind.Timeout, "connect timed out"),
            IOException => (EtcdFailureKind.OtherTransport, "connection closed before a complete response (EOF)"),
            _ => (EtcdFailureKind.OtherTransport, OneLine(exception.Message)),
        };
    }

    private static (EtcdFailureKind Kind, string Detail) Classify(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => (EtcdFailureKind.Refused, "connection refused"),
        SocketError.TimedOut => (EtcdFailureKind.Timeout, "connect timed out"),
        SocketError.ConnectionReset => (EtcdFailureKind.OtherTransport, "connection reset by peer"),
        SocketError.ConnectionAborted or SocketError.Shutdown => (EtcdFailureKind.OtherTransport, "connection aborted"),
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => (EtcdFailureKind.OtherTransport, "host unreachable"),
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (EtcdFailureKind.OtherTransport, "cannot resolve the host name"),
        _ => (EtcdFailureKind.OtherTransport, OneLine(socket.Message)),
    };

    public static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
