using Operator.Core;
using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.TiKV.Deployment;
using Operator.TiKV.Diagnosing;
using Operator.TiKV.Diagnosing.Rules;
using Operator.TiKV.Invariants;
using Operator.TiKV.Observing;

namespace Operator.Cli.Subjects;

/// <summary>
/// TiKV: PD at <c>--pd</c> (and Prometheus at <c>--prometheus</c>), or the docker-compose cluster that
/// <c>cluster up --subject tikv</c> started in the state dir. Logs come from <c>--log-dir</c>, else from the compose
/// containers when PD is the compose cluster's, else there are none.
/// </summary>
internal sealed class TikvSetup : ISubjectSetup
{
    private readonly StateDirectory _state;
    private readonly IReadOnlyList<Uri> _pd;
    private readonly Uri? _prometheus;
    private readonly string? _logDir;
    private readonly ComposeDeployment? _compose;

    public TikvSetup(StateDirectory state, string? pd, string? prometheus, string? logDir)
    {
        _state = state;
        var compose = Wiring.Compose(state);
        var composePd = ComposeEndpoints.PdMemberUrls.Values.Select(u => new Uri(u)).ToList();
        if (!string.IsNullOrWhiteSpace(pd))
        {
            _pd = Urls.Parse("--pd", pd, "--pd http://pd0:2379,http://pd1:2379");
        }
        else if (compose.Exists)
        {
            _pd = composePd;
        }
        else
        {
            throw new OperatorException(
                $"no TiKV cluster to watch in {state.Path}: give PD's URLs with --pd http://pd0:2379[,…] (and --prometheus http://host:9090), or start one with `operator cluster up --subject tikv`");
        }

        // The compose deployment's member URLs, Prometheus and container logs belong to it only: --pd naming another
        // cluster must not be pinged or diagnosed through them.
        var onCompose = compose.Exists && _pd.All(u => composePd.Any(c => c.Authority == u.Authority));
        _compose = onCompose ? compose : null;
        _prometheus = !string.IsNullOrWhiteSpace(prometheus)
            ? Urls.Parse("--prometheus", prometheus, "--prometheus http://127.0.0.1:9090").Single()
            : _compose is not null ? new Uri(ComposeEndpoints.PrometheusUrl) : null;
        if (logDir is not null && !Directory.Exists(logDir))
        {
            throw new OperatorException($"--log-dir {logDir} does not exist; point it at the folder with the TiKV and PD log files, or drop it");
        }

        _logDir = logDir;
    }

    public string Name => "tikv";

    public IReadOnlyList<string> Causes => TikvCauses.All;

    public Task<ISubject> OpenAsync(TimeSpan probeTimeout, CancellationToken cancellationToken)
    {
        var options = new TikvSubjectOptions
        {
            ProbeTimeout = probeTimeout,
            PdMemberUrls = _compose is null
                ? new Dictionary<string, Uri>()
                : ComposeEndpoints.PdMemberUrls.ToDictionary(kv => kv.Key, kv => new Uri(kv.Value), StringComparer.Ordinal),
        };
        return Task.FromResult<ISubject>(new TikvSubject(_pd, _prometheus, TimeProvider.System, options));
    }

    public IReadOnlyList<IInvariant> Invariants() => TikvInvariants.Create();

    public IDiagnosisEngine RulesEngine() => new TikvRulesEngine(TimeProvider.System);

    public IContextGatherer Gatherer(ISubject subject)
    {
        ITikvLogSource logs = _logDir is not null ? new DirectoryLogSource(_logDir)
            : _compose is not null ? new ComposeLogSource(_compose)
            : new NoLogSource();
        return new TikvContextGatherer(subject, logs);
    }

    public override string ToString() => $"tikv via {string.Join(", ", _pd)} in {_state.Path}";
}
