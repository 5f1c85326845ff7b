using Operator.Core;
using Operator.Core.Diagnosis;
using Operator.TiKV.Deployment;
using Operator.TiKV.Logs;

namespace Operator.TiKV.Diagnosing;

/// <summary>The compose deployment's container logs (<c>docker logs --tail</c>); a failing docker call yields no lines, not an error.</summary>
public sealed class ComposeLogSource : ITikvLogSource
{
    private readonly ComposeDeployment _deployment;

    public ComposeLogSource(ComposeDeployment deployment) => _deployment = deployment;

    public async Task<IReadOnlyList<LogLine>> TailAsync(string node, int lines, IReadOnlyDictionary<long, string> storeAddresses, CancellationToken cancellationToken)
    {
        try
        {
            var raw = await _deployment.LogsAsync(node, lines, storeAddresses, cancellationToken).ConfigureAwait(false);
            return UnifiedLogParser.ToLogLines(raw, node, UnifiedLogLine.ContainerSource);
        }
        catch (OperatorException)
        {
            return []; // docker could not give the log (container gone, engine down): diagnose without it
        }
    }
}
