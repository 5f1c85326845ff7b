using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Cli.Subjects;

/// <summary>
/// What the commands need from one subject, already bound to the state dir and the command line's subject options:
/// how to observe it, its invariants, its rules engine and cause vocabulary, and how to gather a ticket's context.
/// </summary>
internal interface ISubjectSetup
{
    /// <summary>Subject name (<c>etcd</c>, <c>tikv</c>).</summary>
    string Name { get; }

    /// <summary>Opens the subject (discovering members when needed) with this per-cycle probe deadline.</summary>
    Task<ISubject> OpenAsync(TimeSpan probeTimeout, CancellationToken cancellationToken);

    /// <summary>Fresh invariant instances (some keep per-run state).</summary>
    IReadOnlyList<IInvariant> Invariants();

    /// <summary>The offline rules engine.</summary>
    IDiagnosisEngine RulesEngine();

    /// <summary>Cause codes an engine may name (the LLM engines are told these).</summary>
    IReadOnlyList<string> Causes { get; }

    /// <summary>How the agent gathers a ticket's context from the opened subject.</summary>
    IContextGatherer Gatherer(ISubject subject);
}
