using Operator.Tui.Demo;

namespace Operator.Tui.Chapters;

/// <summary>The chaos demo's chapters, in order.</summary>
public static class DemoChapters
{
    public static IReadOnlyList<IChapter> For(DemoFault fault, string engine) =>
    [
        new WelcomeChapter(),
        new ClusterHealthChapter(),
        new LoadChapter(),
        new FaultChapter(fault),
        new DetectionChapter(),
        new DiagnosisChapter(engine),
        new RecoveryChapter(fault),
        new CompleteChapter(),
    ];
}
