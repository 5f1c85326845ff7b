using System.Globalization;
using Microsoft.Extensions.AI;

namespace Operator.Llm;

/// <summary>
/// One logical LLM call with a per-attempt deadline and bounded exponential backoff on timeouts, 408/409/429/5xx and
/// connection errors. Delays run on the given <see cref="TimeProvider"/>. Gives up with an
/// <see cref="LlmDiagnosisException"/> whose message is a key-free reason ("openai timed out after 10 s").
/// </summary>
public sealed class ResilientChatCall
{
    private readonly IChatClient _client;
    private readonly string _engineName;
    private readonly LlmEngineOptions _options;
    private readonly TimeProvider _time;

    public ResilientChatCall(IChatClient client, string engineName, LlmEngineOptions options, TimeProvider time)
    {
        _client = client;
        _engineName = engineName;
        _options = options;
        _time = time;
    }

    /// <summary>The delay before retry number <paramref name="retry"/> (0-based): base × 2^retry, capped at 30 s.</summary>
    public static TimeSpan Backoff(TimeSpan first, int retry)
    {
        var ms = first.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, 30_000));
    }

    public async Task<ChatResponse> GetResponseAsync(IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            CallFailure failure;
            using (var deadline = new CancellationTokenSource(_options.CallTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
            {
                try
                {
                    return await _client.GetResponseAsync(messages, chatOptions, linked.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = deadline.IsCancellationRequested
                        ? new CallFailure(true, "timed out")
                        : CallFailure.From(e);
                }
            }

            if (!failure.Transient || attempt >= _options.MaxRetries)
            {
                throw new LlmDiagnosisException(Describe(failure, attempt + 1));
            }

            await Task.Delay(Backoff(_options.FirstRetryDelay, attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Describe(CallFailure failure, int attempts)
    {
        var what = failure.Description switch
        {
            "timed out" => string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.CallTimeout.TotalSeconds:0.###} s"),
            var d when d.StartsWith("HTTP ", StringComparison.Ordinal) => $"returned {d}",
            var d => d,
        };
        return attempts > 1 ? $"{_engineName} {what}, {attempts} attempts" : $"{_engineName} {what}";
    }
}
