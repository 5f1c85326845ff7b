using System.Diagnostics;

namespace Operator.Etcd.Tests.Local;

/// <summary>An unrelated process (<c>sleep 60</c>) that must survive what the test does; killed on dispose.</summary>
internal sealed class SleepingProcess : IDisposable
{
    private readonly Process _process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;

    public int Pid => _process.Id;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
