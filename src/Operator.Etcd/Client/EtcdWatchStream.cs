using System.Text;
using System.Text.Json;

namespace Operator.Etcd.Client;

/// <summary>
/// An established watch: a long-lived chunked response carrying one JSON message per line. Reading returns
/// the next message, or a failure when the stream ends (EOF when the member dies) or breaks.
/// </summary>
public sealed class EtcdWatchStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    internal EtcdWatchStream(HttpResponseMessage response, Stream stream, string operation)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        Operation = operation;
    }

    /// <summary>What this stream is, for messages: <c>watch /operator/canary on http://127.0.0.1:23792</c>.</summary>
    public string Operation { get; }

    /// <summary>The next message; a failure once the stream has ended or broken. Only cancellation throws.</summary>
    public async Task<EtcdResult<EtcdWatchResponse>> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EtcdClient.IsTransportFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            var (kind, detail) = EtcdFailureClassifier.Classify(e);
            return new EtcdResult<EtcdWatchResponse>(new EtcdFailure(kind, Operation, detail));
        }
    }

    // Throws transport exceptions, so the opening request can classify them against its own deadline.
    internal async Task<EtcdResult<EtcdWatchResponse>> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return new EtcdResult<EtcdWatchResponse>(new EtcdFailure(EtcdFailureKind.OtherTransport, Operation, "stream ended (EOF)"));
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EtcdWatchEnvelope? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize(line, EtcdJsonContext.Default.EtcdWatchEnvelope);
            }
            catch (JsonException)
            {
                envelope = null;
            }

            if (envelope?.Error is { } error)
            {
                var text = EtcdFailureClassifier.OneLine(error.Text ?? line);
                return new EtcdResult<EtcdWatchResponse>(new EtcdFailure(EtcdFailureKind.HttpError, Operation, $"stream error: {text}", GrpcCode: error.Code));
            }

            if (envelope?.Result is not { } result)
            {
                var snippet = EtcdFailureClassifier.OneLine(line.Length > 80 ? line[..80] + "…" : line);
                return new EtcdResult<EtcdWatchResponse>(new EtcdFailure(EtcdFailureKind.Garbage, Operation, $"unexpected stream message: \"{snippet}\""));
            }

            return new EtcdResult<EtcdWatchResponse>(result);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
