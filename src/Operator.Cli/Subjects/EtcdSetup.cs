using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Diagnosing.Rules;
using Operator.Etcd.Invariants;

namespace Operator.Cli.Subjects;

/// <summary>etcd: the local cluster in the state dir, or the external members given with <c>--endpoints</c>.</summary>
internal sealed class EtcdSetup : ISubjectSetup
{
    private readonly StateDirectory _state;
    private readonly string? _endpoints;

    public EtcdSetup(StateDirectory state, string? endpoints)
    {
        _state = state;
        _endpoints = string.IsNullOrWhiteSpace(endpoints) ? null : endpoints;
    }

    public string Name => "etcd";

    public IReadOnlyList<string> Causes => EtcdCauses.All;

    public async Task<ISubject> OpenAsync(TimeSpan probeTimeout, CancellationToken cancellationToken) =>
        await Wiring.SubjectAsync(_state, _endpoints, probeTimeout, cancellationToken).ConfigureAwait(false);

    public IReadOnlyList<IInvariant> Invariants() => EtcdInvariants.Create();

    public IDiagnosisEngine RulesEngine() => new RulesEngine(TimeProvider.System);

    public IContextGatherer Gatherer(ISubject subject) =>
        _endpoints is null ? EtcdContextGatherer.ForLocal(Wiring.Cluster(_state), subject) : EtcdContextGatherer.ForExternal(subject);
}
