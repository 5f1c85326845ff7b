namespace Operator.Tui.State;

/// <summary>The NARRATION panel: the chapter, what is happening, where to look, and which keys work now.</summary>
/// <param name="Number">Chapter number, 1-based.</param>
/// <param name="Total">Number of chapters.</param>
/// <param name="Title">Chapter title.</param>
/// <param name="Text">What is happening, in a sentence or three.</param>
/// <param name="Watch">Where to look and what to look for.</param>
/// <param name="Status">The chapter's live progress (<c>ticket #3 opened 38 ms after the kill</c>), or null.</param>
/// <param name="Countdown">The countdown text while one runs (<c>Injecting fault in 3…</c>), else null.</param>
/// <param name="Busy">True while the chapter's action runs: advancing is blocked and the keys say so.</param>
/// <param name="Keys">The keys available now (<c>SPACE/ENTER next · Q quit</c>).</param>
/// <param name="Failed">True when the chapter's action failed (shown in red with <paramref name="Status"/>).</param>
public sealed record NarrationState(
    int Number,
    int Total,
    string Title,
    string Text,
    string Watch,
    string? Status,
    string? Countdown,
    bool Busy,
    string Keys,
    bool Failed = false)
{
    /// <summary><c>[3/8]</c>.</summary>
    public string Progress => $"[{Number}/{Total}]";
}
