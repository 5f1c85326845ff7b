namespace Operator.Core.Diagnosis;

/// <summary>Turns a ticket's context into a <see cref="Diagnosis"/>. One engine per file, found by <see cref="Name"/>.</summary>
public interface IDiagnosisEngine
{
    /// <summary><c>rules</c>, <c>anthropic</c>, <c>openai</c>.</summary>
    string Name { get; }

    Task<Diagnosis> DiagnoseAsync(DiagnosisContext context, CancellationToken cancellationToken);
}
