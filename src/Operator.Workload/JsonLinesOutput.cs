namespace Operator.Workload;

/// <summary>One JSON object per line (<see cref="LoadJson"/>), flushed at once: the dashboard reads them through a pipe.</summary>
public sealed class JsonLinesOutput(TextWriter writer) : ILoadOutput
{
    public void Write(LoadEvent loadEvent)
    {
        writer.WriteLine(LoadJson.Serialize(loadEvent));
        writer.Flush();
    }
}
