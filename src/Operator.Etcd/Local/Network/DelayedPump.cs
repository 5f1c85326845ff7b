using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Operator.Etcd.Local.Network;

/// <summary>
/// Copies one direction of a proxied connection. Without a delay (and nothing queued) each read is written straight
/// on; with one, chunks wait in a queue stamped with their arrival time and leave in order once the delay has passed,
/// so a delay costs one timer per chunk, never a sleep per byte. The delay is read when a chunk is due, so healing
/// flushes what is queued at once.
/// </summary>
internal sealed class DelayedPump
{
    private const int ChunkSize = 16 * 1024;
    private const int MaxQueuedChunks = 1024;

    private readonly Socket _from;
    private readonly Socket _to;
    private readonly Func<TimeSpan> _delay;
    private readonly TimeProvider _time;
    private readonly Channel<Chunk> _queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(MaxQueuedChunks) { SingleReader = true, SingleWriter = true });
    private int _queued;
    private Task _writer = Task.CompletedTask;

    public DelayedPump(Socket from, Socket to, Func<TimeSpan> delay, TimeProvider time)
    {
        _from = from;
        _to = to;
        _delay = delay;
        _time = time;
    }

    /// <summary>
    /// Forwards <paramref name="initial"/> (already read at <paramref name="initialAt"/>) and then everything read
    /// until end of stream, and half-closes the far side when done. Socket errors propagate.
    /// </summary>
    public async Task RunAsync(ReadOnlyMemory<byte> initial, long initialAt, CancellationToken cancellationToken)
    {
        _writer = WriteQueuedAsync(cancellationToken);
        try
        {
            if (!initial.IsEmpty)
            {
                var copy = ArrayPool<byte>.Shared.Rent(initial.Length);
                initial.CopyTo(copy);
                await ForwardAsync(copy, initial.Length, initialAt, cancellationToken);
            }

            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read;
                try
                {
                    read = await _from.ReceiveAsync(buffer.AsMemory(0, ChunkSize), SocketFlags.None, cancellationToken);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                await ForwardAsync(buffer, read, _time.GetTimestamp(), cancellationToken);
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
        }

        await _writer;
        _to.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Takes ownership of <paramref name="buffer"/>.</summary>
    private async Task ForwardAsync(byte[] buffer, int length, long readAt, CancellationToken cancellationToken)
    {
        // Only the reader enqueues and the writer decrements after its send completes, so zero queued means nothing
        // is in flight on the writer's side and a direct send keeps the order.
        if (Volatile.Read(ref _queued) == 0 && _delay() <= TimeSpan.Zero)
        {
            try
            {
                await SendAllAsync(buffer.AsMemory(0, length), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return;
        }

        if (_writer.IsCompleted)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await _writer; // the far side failed: surface its error
            throw new IOException("the forwarding queue stopped");
        }

        Interlocked.Increment(ref _queued);
        await _queue.Writer.WriteAsync(new Chunk(buffer, length, readAt), cancellationToken);
    }

    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        await foreach (var chunk in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                var wait = _delay() - _time.GetElapsedTime(chunk.ReadAt);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }

                await SendAllAsync(chunk.Buffer.AsMemory(0, chunk.Length), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
                Interlocked.Decrement(ref _queued);
            }
        }
    }

    private async Task SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _to.SendAsync(bytes, SocketFlags.None, cancellationToken);
            bytes = bytes[sent..];
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long ReadAt);
}
