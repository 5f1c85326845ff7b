using Operator.Core.Diagnosis;

namespace Operator.TiKV.Diagnosing;

/// <summary>Where a TiKV or PD node's recent log lines come from (docker logs, a log directory, or nowhere).</summary>
public interface ITikvLogSource
{
    /// <summary>
    /// Up to <paramref name="lines"/> of the node's most recent lines, parsed; empty when this source has no log for it.
    /// <paramref name="storeAddresses"/> maps store ids to their gRPC addresses (from PD), for sources that find a
    /// store's log by host name.
    /// </summary>
    Task<IReadOnlyList<LogLine>> TailAsync(string node, int lines, IReadOnlyDictionary<long, string> storeAddresses, CancellationToken cancellationToken);
}
