namespace Operator.Tui.Chapters;

/// <summary>What a chapter's action can see and do: the cluster, the daemons, the tickets, the workload, the narration.</summary>
public interface IChapterContext : IDemoWorld
{
    /// <summary>Sets the chapter's live status line.</summary>
    void Status(string text);

    /// <summary>Shows (or, with null, clears) the countdown.</summary>
    void Countdown(string? text);
}
