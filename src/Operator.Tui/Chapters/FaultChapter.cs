using Operator.Core.Time;
using Operator.Tui.Demo;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 4: a visible countdown, then the fault.</summary>
public sealed class FaultChapter : IChapter
{
    private readonly DemoFault _fault;
    private readonly int _countdownSeconds;

    public FaultChapter(DemoFault fault, int countdownSeconds = 3)
    {
        _fault = fault;
        _countdownSeconds = countdownSeconds;
    }

    public string Title => "Fault injection";

    public string Text => _fault == DemoFault.Pause
        ? "Now we break it. The leader will be frozen with SIGSTOP: the process still exists and holds its ports, but answers nothing — "
          + "what a hung disk, a stuck GC or a wedged kernel call looks like from outside."
        : $"Now we break it. {Capital(_fault.Victim())} will be killed with SIGKILL: no warning, no clean shutdown — "
          + "what a crashed machine or an OOM kill looks like to the rest of the cluster.";

    public string Watch => "CLUSTER: the node turns red. WORKLOAD: requests to it fail until their clients fail over.";

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var n = _countdownSeconds; n > 0; n--)
        {
            context.Countdown($"Injecting fault in {n}…");
            await Task.Delay(TimeSpan.FromSeconds(1), context.Time, cancellationToken).ConfigureAwait(false);
        }

        context.Countdown(null);
        var injected = await context.Cluster.InjectAsync(_fault, cancellationToken).ConfigureAwait(false);
        context.Record.Fault = injected;
        context.Status($"{injected.Description} at {Timestamps.TimeOfDay(injected.At)}");
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
