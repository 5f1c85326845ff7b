using System.Globalization;
using System.Text;

namespace Operator.FakeTikv.Http;

/// <summary>Status line and headers of a response, as Go's net/http writes them.</summary>
internal static class ResponseHead
{
    public static byte[] Build(int status, string contentType, long? contentLength, bool keepAlive, DateTimeOffset now, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");
        if (contentType.Length > 0)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        foreach (var (name, value) in extra ?? [])
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Date: {now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)}\r\n");
        head.Append(contentLength is { } length
            ? string.Create(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n")
            : "Transfer-Encoding: chunked\r\n");
        if (!keepAlive)
        {
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
