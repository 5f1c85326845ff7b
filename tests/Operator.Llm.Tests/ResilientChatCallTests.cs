using System.Net;
using Microsoft.Extensions.AI;

namespace Operator.Llm.Tests;

public sealed class ResilientChatCallTests
{
    [Fact]
    public async Task Backoff_doubles_and_runs_on_the_given_time_provider()
    {
        var time = new InstantDelays(threshold: TimeSpan.FromMinutes(1));
        var client = new ScriptedChatClient(
            new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable),
            new HttpRequestException("unavailable", null, HttpStatusCode.BadGateway));
        var options = new LlmEngineOptions("m", Timeout: TimeSpan.FromHours(1), MaxRetries: 2, RetryBaseDelay: TimeSpan.FromSeconds(4));
        var call = new ResilientChatCall(client, "openai", options, time);

        var response = await call.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions(), CancellationToken.None);

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, client.Calls);
        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], time.ShortTimers);
    }

    [Fact]
    public async Task Bad_request_is_not_retried()
    {
        var client = new ScriptedChatClient(new HttpRequestException("bad", null, HttpStatusCode.BadRequest));
        var call = new ResilientChatCall(client, "anthropic", new LlmEngineOptions("m", RetryBaseDelay: TimeSpan.Zero), TimeProvider.System);

        var error = await Assert.ThrowsAsync<LlmDiagnosisException>(() =>
            call.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions(), CancellationToken.None));

        Assert.Equal("anthropic returned HTTP 400", error.Message);
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public void Backoff_is_capped() =>
        Assert.Equal(TimeSpan.FromSeconds(30), ResilientChatCall.Backoff(TimeSpan.FromSeconds(1), 10));

    /// <summary>Fires timers shorter than the threshold at once (recording them) so backoff costs no wall time.</summary>
    private sealed class InstantDelays(TimeSpan threshold) : TimeProvider
    {
        public List<TimeSpan> ShortTimers { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < threshold)
            {
                lock (ShortTimers)
                {
                    ShortTimers.Add(dueTime);
                }

                return base.CreateTimer(callback, state, TimeSpan.Zero, period);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>Throws the given exceptions in turn, then answers "ok".</summary>
    private sealed class ScriptedChatClient(params Exception[] failures) : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Calls <= failures.Length
                ? Task.FromException<ChatResponse>(failures[Calls - 1])
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
