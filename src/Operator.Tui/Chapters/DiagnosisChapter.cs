using System.Globalization;
using Operator.Core.Diagnosis;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 6: the agent's diagnosis of the ticket, read from the ticket database.</summary>
public sealed class DiagnosisChapter : IChapter
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _engine;

    public DiagnosisChapter(string engine)
    {
        _engine = engine;
    }

    public string Title => "Diagnosis";

    public string Text =>
        "The agent claims the ticket and gathers evidence: the failed probes, whether the process still exists, the node's last log lines, "
        + $"what its peers logged about it, similar past tickets. The {_engine} engine weighs every hypothesis against that evidence "
        + "and says which alternatives it ruled out and why.";

    public string Watch => "AGENT: the DIAGNOSED line — cause, confidence, engine, and the diagnosis in one sentence.";

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ticket = context.Record.Ticket ?? throw new ChapterFailedException("no ticket was opened, so there is nothing to diagnose");
        context.Status($"waiting for the agent to diagnose ticket #{ticket.Id}…");
        var diagnosed = await Waiting.ForAsync(
            context.Time,
            async ct => (await context.TicketsAsync(ct).ConfigureAwait(false)).FirstOrDefault(t => t.Id == ticket.Id && DiagnosisJson.TryDeserialize(t.Diagnosis) is not null),
            Deadline,
            $"a diagnosis of ticket #{ticket.Id}",
            cancellationToken).ConfigureAwait(false);
        var d = DiagnosisJson.TryDeserialize(diagnosed.Diagnosis)!;
        context.Record.Diagnosed = diagnosed;
        context.Record.Diagnosis = d;
        var after = (d.CreatedAt - ticket.FirstSeenAt).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        var on = d.Node is null ? string.Empty : $" on {d.Node}";
        context.Status(string.Create(
            CultureInfo.InvariantCulture,
            $"{d.Cause}{on} ({d.Confidence} {d.ConfidenceScore:0.00}) by {d.Engine}, {after} ms after the ticket: {d.PrimaryDiagnosis}"));
    }
}
