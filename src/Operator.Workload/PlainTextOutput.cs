namespace Operator.Workload;

/// <summary>One human-readable line per event (<see cref="LoadText"/>), flushed at once.</summary>
public sealed class PlainTextOutput(TextWriter writer) : ILoadOutput
{
    public void Write(LoadEvent loadEvent)
    {
        writer.WriteLine(LoadText.Format(loadEvent));
        writer.Flush();
    }
}
