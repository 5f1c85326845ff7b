using Operator.Core;
using Operator.Core.Processes;

namespace Operator.Cli.Demo;

/// <summary>
/// Puts away the cluster a demo started even when the demo itself is SIGKILLed. The guard is a child (<c>operator demo
/// guard</c>, hidden) that reads its stdin: <c>arm</c> once the demo starts the local etcd cluster (<c>arm tikv</c> for
/// the TiKV compose deployment), <c>release</c> when the demo cleaned up by itself. End-of-file while armed means the
/// demo died: the guard stops the cluster (<c>docker compose down</c> for TiKV), then exits.
/// </summary>
internal sealed class DemoGuard : IAsyncDisposable
{
    public const string ArmLine = "arm";
    public const string ArmComposeLine = "arm tikv";
    public const string ReleaseLine = "release";

    private readonly ChildProcess _process;

    private DemoGuard(ChildProcess process) => _process = process;

    public static DemoGuard Start(StateDirectory state) =>
        new(ChildProcess.Start("demo guard", SelfCommand.FileName, SelfCommand.Arguments(state, ["demo", "guard"]), (_, _) => { }));

    /// <summary>From now on the guard stops the cluster if the demo dies.</summary>
    public void Arm() => _process.TrySendLine(ArmLine);

    /// <summary>From now on the guard takes the TiKV compose deployment down if the demo dies.</summary>
    public void ArmCompose() => _process.TrySendLine(ArmComposeLine);

    /// <summary>The demo cleaned up itself: the guard exits without doing anything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process.TrySendLine(ReleaseLine))
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped below.
            }
        }

        await _process.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The guard's side: waits for release or end-of-file; on end-of-file while armed stops the cluster.</summary>
    public static async Task<int> WatchAsync(StateDirectory state, TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string? armed = null;
        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            switch (line.Trim())
            {
                case ArmLine or ArmComposeLine:
                    armed = line.Trim();
                    break;
                case ReleaseLine:
                    return 0;
            }
        }

        if (armed is null)
        {
            return 0;
        }

        if (armed == ArmComposeLine)
        {
            try
            {
                using var composeDeadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await new TiKV.Deployment.ComposeDeployment(state.Path).DownAsync(false, composeDeadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperatorException or OperationCanceledException)
            {
                // Nobody is left to tell; the containers stay until `operator cluster down --subject tikv`.
            }

            return 0;
        }

        var cluster = Wiring.Cluster(state);
        if (!cluster.Exists)
        {
            return 0;
        }

        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await cluster.DownAsync(false, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await cluster.KillAllAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }
}
