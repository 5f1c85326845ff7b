using System.Threading.Channels;
using Operator.Etcd.Client;
using Operator.Etcd.Observing;
using Operator.Testing;

namespace Operator.Etcd.Tests.Observing;

public sealed class EtcdWatcherTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly EtcdClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Drop_is_reported_once_while_reconnects_fail_and_once_more_when_the_stream_is_back()
    {
        const string unavailable = """{"error":"etcdserver: request timed out","message":"etcdserver: request timed out","code":14}""";

        // 1: established, then the stream ends. 2-4: etcd errors. 5 and later: established and held open.
        await using var server = FakeHttpServer.Start(async (number, stream, ct) =>
        {
            if (number is >= 2 and <= 4)
            {
                await FakeHttpServer.WriteAsync(stream, FakeHttpServer.Response(503, "application/json", unavailable), ct);
                return;
            }

            await FakeHttpServer.WriteAsync(stream, EtcdClientTests.WatchHead + EtcdClientTests.Chunk(EtcdClientTests.Created), ct);
            if (number == 1)
            {
                await FakeHttpServer.WriteAsync(stream, "0\r\n\r\n", ct);
                return;
            }

            await Task.Delay(Timeout.Infinite, ct);
        });

        var source = new StaticEndpointSource([new EtcdEndpoint("n1", server.Url, server.Url, null)]);
        var options = new EtcdSubjectOptions { WatchBackoffInitial = TimeSpan.FromMilliseconds(10), WatchBackoffMax = TimeSpan.FromMilliseconds(40) };
        await using var subject = new EtcdSubject(source, _client, TimeProvider.System, options);
        var changes = Channel.CreateUnbounded<string>();
        using var stop = new CancellationTokenSource();

        var watching = subject.WatchAsync(message => changes.Writer.TryWrite(message), stop.Token);
        var first = await ReadAsync(changes);
        var second = await ReadAsync(changes);

        Assert.Equal("watch stream to n1 dropped: stream ended (EOF)", first);
        Assert.Equal("watch stream to n1 re-established", second);
        Assert.Equal(5, server.Connections);

        await stop.CancelAsync();
        await watching.WaitAsync(Deadline); // returns normally on cancellation
        Assert.False(changes.Reader.TryRead(out var extra), extra);
    }

    private static async Task<string> ReadAsync(Channel<string> changes)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await changes.Reader.ReadAsync(deadline.Token);
    }
}
