using Operator.Core.Diagnosis;

namespace Operator.Llm;

/// <summary>
/// Tries the primary engine (an LLM) and, when it gives up, returns the fallback engine's diagnosis labelled with
/// why: <c>rules (fallback: openai timed out after 10 s)</c>. The label never carries a key or a stack trace.
/// </summary>
public sealed class FallbackEngine : IDiagnosisEngine
{
    private readonly IDiagnosisEngine _primary;
    private readonly IDiagnosisEngine _fallback;
    private readonly SecretRedactor _redactor;

    public FallbackEngine(IDiagnosisEngine primary, IDiagnosisEngine fallback, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(fallback);
        _primary = primary;
        _fallback = fallback;
        _redactor = redactor ?? new SecretRedactor();
    }

    public string Name => _primary.Name;

    public async Task<Diagnosis> DiagnoseAsync(DiagnosisContext context, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            return await _primary.DiagnoseAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            reason = Reason(e);
        }

        var diagnosis = await _fallback.DiagnoseAsync(context, cancellationToken).ConfigureAwait(false);
        return diagnosis with { Engine = $"{diagnosis.Engine} (fallback: {reason})" };
    }

    private string Reason(Exception e)
    {
        // Our own exceptions carry a vetted one-line reason; anything else is reduced to its type so no SDK
        // message (which may echo request details) reaches the ticket.
        var text = e is LlmDiagnosisException ? e.Message : $"{_primary.Name} failed ({e.GetType().Name})";
        var firstLine = text.Split('\n', 2)[0].Trim();
        return _redactor.Redact(firstLine.Length <= 200 ? firstLine : firstLine[..200] + "…");
    }
}
