using Operator.TiKV.Prometheus;

namespace Operator.Cli.Demo;

/// <summary>
/// <c>demo throughput</c>, the TiKV demo's WORKLOAD child: once a second reads TiKV's request rate and p99 from
/// Prometheus and prints them as <see cref="ThroughputLines"/>, until cancelled.
/// </summary>
internal sealed class ThroughputReporter
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMilliseconds(900);

    private readonly TikvThroughputReader _reader;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;

    public ThroughputReporter(TikvThroughputReader reader, TextWriter output, TimeProvider time)
    {
        _reader = reader;
        _output = output;
        _time = time;
    }

    /// <summary>Prints <paramref name="describe"/>, then a line a second; returns 0 when cancelled.</summary>
    public async Task<int> RunAsync(string describe, CancellationToken cancellationToken)
    {
        await WriteAsync(ThroughputLines.Describe(describe)).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Interval, _time);
        var second = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                second++;
                var read = await _reader.ReadAsync(ReadTimeout, cancellationToken).ConfigureAwait(false);
                await WriteAsync(read.OpsPerSec is { } ops
                    ? ThroughputLines.Point(second, ops, read.P99Seconds * 1000)
                    : ThroughputLines.Error(second, read.Unavailable ?? "TiKV's request rate is unknown")).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the dashboard.
        }

        return 0;
    }

    private async Task WriteAsync(string line)
    {
        await _output.WriteLineAsync(line).ConfigureAwait(false);
        await _output.FlushAsync().ConfigureAwait(false);
    }
}
