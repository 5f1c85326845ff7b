using Operator.Core.Diagnosis;

namespace Operator.Llm.Tests;

/// <summary>Stands in for the rules engine as the fallback: always the same diagnosis, labelled <c>rules</c>.</summary>
public sealed class FakeRulesEngine : IDiagnosisEngine
{
    public string Name => "rules";

    public int Calls { get; private set; }

    public Task<Diagnosis> DiagnoseAsync(DiagnosisContext context, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(new Diagnosis(
            "process_crashed", context.Ticket.Node, "n2 crashed (rules)", "high", 0.9, [], [], "restart n2", [], [], "critical",
            [], [], [], "rules", null, 1, Fixtures.T0));
    }
}
