namespace Operator.Llm;

/// <summary>What went wrong with one LLM call, and whether trying again could help.</summary>
/// <param name="Transient">True for timeouts, 408/409/429/5xx and connection errors.</param>
/// <param name="Description">Short, key-free text: "timed out after 10 s", "HTTP 429", "connection failed".</param>
public sealed record CallFailure(bool Transient, string Description)
{
    /// <summary>Classifies an exception thrown by the Anthropic or OpenAI SDK (or the HTTP stack under them).</summary>
    public static CallFailure From(Exception exception)
    {
        if (StatusOf(exception) is { } status)
        {
            var transient = status is 408 or 409 or 429 || status >= 500;
            return new CallFailure(transient, $"HTTP {status}");
        }

        return exception switch
        {
            TimeoutException => new CallFailure(true, "timed out"),
            OperationCanceledException => new CallFailure(true, "timed out"),
            HttpRequestException or System.Net.Sockets.SocketException or IOException => new CallFailure(true, "connection failed"),
            _ when exception.InnerException is { } inner => From(inner),
            _ => new CallFailure(false, $"failed ({exception.GetType().Name})"),
        };
    }

    private static int? StatusOf(Exception exception) => exception switch
    {
        System.ClientModel.ClientResultException c when c.Status > 0 => c.Status,
        Anthropic.Exceptions.AnthropicApiException a => (int)a.StatusCode,
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ => null,
    };
}
