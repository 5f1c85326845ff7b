using Operator.Core.Diagnosis;

namespace Operator.TiKV.Diagnosing;

/// <summary>A cluster whose logs Operator cannot read: diagnoses rest on PD, the probes and Prometheus alone.</summary>
public sealed class NoLogSource : ITikvLogSource
{
    public Task<IReadOnlyList<LogLine>> TailAsync(string node, int lines, IReadOnlyDictionary<long, string> storeAddresses, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LogLine>>([]);
}
