namespace Operator.Workload;

/// <summary>Where a load run's report lines go (plain text or JSON lines); each line is flushed as it is written.</summary>
public interface ILoadOutput
{
    void Write(LoadEvent loadEvent);
}
