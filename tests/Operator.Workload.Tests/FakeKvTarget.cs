using System.Collections.Concurrent;

namespace Operator.Workload.Tests;

/// <summary>
/// An in-memory target with scripted failures and service time. Every call is recorded. With a
/// <see cref="VirtualClock"/> each operation spends <see cref="ServiceTime"/> of virtual time; otherwise it yields
/// (and waits for real when a service time is set) so clients never spin synchronously.
/// </summary>
internal sealed class FakeKvTarget : IKvTarget
{
    private readonly VirtualClock? _clock;

    public FakeKvTarget(int endpoints = 3, VirtualClock? clock = null)
    {
        Endpoints = [.. Enumerable.Range(0, endpoints).Select(i => $"http://fake-{i}:2379")];
        _clock = clock;
    }

    public IReadOnlyList<string> Endpoints { get; }

    public TimeSpan ServiceTime { get; set; }

    /// <summary>Decides whether an operation on an endpoint fails; null (the default) lets everything succeed.</summary>
    public Func<int, string?>? Failure { get; set; }

    /// <summary>Whether failures say the endpoint answered (up, cannot serve) rather than could not be reached.</summary>
    public bool FailuresReached { get; set; }

    public ConcurrentQueue<Call> Calls { get; } = new();

    public ConcurrentDictionary<string, string> Data { get; } = new();

    public ValueTask<KvResult> ReadAsync(int endpoint, string key, CancellationToken cancellationToken) =>
        RunAsync(new Call(endpoint, OperationKind.Read, key), null, cancellationToken);

    public ValueTask<KvResult> UpdateAsync(int endpoint, string key, string value, CancellationToken cancellationToken) =>
        RunAsync(new Call(endpoint, OperationKind.Update, key), value, cancellationToken);

    private async ValueTask<KvResult> RunAsync(Call call, string? value, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        if (_clock is not null)
        {
            _clock.Advance(ServiceTime);
        }
        else if (ServiceTime > TimeSpan.Zero)
        {
            await Task.Delay(ServiceTime, cancellationToken);
        }
        else
        {
            await ViaGlobalQueue();
        }

        if (Failure?.Invoke(call.Endpoint) is { } error)
        {
            return KvResult.Failed(error, FailuresReached);
        }

        if (value is not null)
        {
            Data[call.Key] = value;
        }

        return KvResult.Success;
    }

    /// <summary>
    /// Continues on the thread pool's global queue. A bare Task.Yield loop can keep a worker busy on its own
    /// local queue and starve the reporter's timer callbacks; a real network target completes through the global
    /// queue like this.
    /// </summary>
    internal static Task ViaGlobalQueue() =>
        Task.Factory.StartNew(static () => { }, CancellationToken.None, TaskCreationOptions.PreferFairness, TaskScheduler.Default);

    public sealed record Call(int Endpoint, OperationKind Kind, string Key);
}
