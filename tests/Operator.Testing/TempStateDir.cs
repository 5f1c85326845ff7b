namespace Operator.Testing;

/// <summary>A fresh, empty directory under the temp dir for one test's state; deleted on dispose.</summary>
public sealed class TempStateDir : IDisposable
{
    public TempStateDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "operator-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>Absolute path of the directory.</summary>
    public string Path { get; }

    public override string ToString() => Path;

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers in /tmp must not fail a test run.
        }
    }
}
