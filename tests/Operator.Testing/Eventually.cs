namespace Operator.Testing;

/// <summary>Waits for a condition with a deadline instead of sleeping: polls every 25 ms.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Returns once <paramref name="condition"/> is true; throws <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> at the deadline. An exception from the condition counts as false and is
    /// reported if the wait times out.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = TimeProvider.System.GetTimestamp();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                lastError = e;
            }

            if (TimeProvider.System.GetElapsedTime(started) > deadline)
            {
                var message = $"timed out after {deadline.TotalSeconds:0.##} s waiting until {what}";
                throw lastError is null
                    ? new TimeoutException(message)
                    : new TimeoutException($"{message} (last error: {lastError.GetType().Name}: {lastError.Message})", lastError);
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <inheritdoc cref="WaitUntilAsync(Func{Task{bool}}, TimeSpan, string, CancellationToken)"/>
    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan deadline, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), deadline, what, cancellationToken);
    }
}
