using Operator.Tui.Demo;

namespace Operator.Tui.Chapters;

/// <summary>The chaos demo's chapters, in order.</summary>
public static class DemoChapters
{
    public static IReadOnlyList<IChapter> For(DemoFault fault, string engine, IDemoStory story) =>
    [
        new WelcomeChapter(story),
        new ClusterHealthChapter(story),
        new LoadChapter(story),
        new FaultChapter(fault, story),
        new DetectionChapter(story),
        new DiagnosisChapter(engine),
        new RecoveryChapter(fault, story),
        new CompleteChapter(),
    ];
}
