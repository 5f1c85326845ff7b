using System.Net.Sockets;

namespace Operator.Core.Http;

/// <summary>Turns transport exceptions into <see cref="HttpFailureKind"/> plus a short human detail.</summary>
public static class HttpFailureClassifier
{
    /// <summary>Exceptions a request may end with that describe the transport, not a bug.</summary>
    public static bool IsTransportFailure(Exception e) =>
        e is HttpRequestException or IOException or OperationCanceledException or SocketException;

    public static (HttpFailureKind Kind, string Detail) Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException socket:
                    return Classify(socket);
                case TimeoutException:
                    return (HttpFailureKind.Timeout, "connect timed out");
                default:
                    break;
            }
        }

        if (exception is HttpRequestException http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.ResponseEnded => (HttpFailureKind.OtherTransport, "connection closed before a complete response (EOF)"),
                HttpRequestError.InvalidResponse => (HttpFailureKind.Garbage, "not an HTTP response"),
                HttpRequestError.NameResolutionError => (HttpFailureKind.OtherTransport, "cannot resolve the host name"),
                HttpRequestError.ConnectionError => (HttpFailureKind.OtherTransport, "cannot connect: " + OneLine(http.Message)),
                _ => (HttpFailureKind.OtherTransport, OneLine(http.Message)),
            };
        }

        return exception switch
        {
            // SocketsHttpHandler's ConnectTimeout surfaces as a cancellation that is not ours.
            OperationCanceledException => (HttpFailureKind.Timeout, "connect timed out"),
            IOException => (HttpFailureKind.OtherTransport, "connection closed before a complete response (EOF)"),
            _ => (HttpFailureKind.OtherTransport, OneLine(exception.Message)),
        };
    }

    /// <summary>Text as one line of at most 160 characters, for error messages.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 160 ? line : line[..160] + "…";
    }

    private static (HttpFailureKind Kind, string Detail) Classify(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => (HttpFailureKind.Refused, "connection refused"),
        SocketError.TimedOut => (HttpFailureKind.Timeout, "connect timed out"),
        SocketError.ConnectionReset => (HttpFailureKind.OtherTransport, "connection reset by peer"),
        SocketError.ConnectionAborted or SocketError.Shutdown => (HttpFailureKind.OtherTransport, "connection aborted"),
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => (HttpFailureKind.OtherTransport, "host unreachable"),
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (HttpFailureKind.OtherTransport, "cannot resolve the host name"),
        _ => (HttpFailureKind.OtherTransport, OneLine(socket.Message)),
    };
}
