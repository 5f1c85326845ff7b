using System.CommandLine;
using Operator.Etcd.Local.Network;

namespace Operator.Cli.Commands;

/// <summary><c>operator fault-proxy run</c> (hidden): hosts the local cluster's peer fault proxy until SIGTERM or SIGINT.</summary>
internal static class FaultProxyCommands
{
    public const string Name = "fault-proxy";

    public static Command Build()
    {
        var run = new Command("run", "Internal: forward the local cluster's peer traffic, applying the network fault rules in the state dir");
        run.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
                await using var proxy = PeerFaultProxy.ForStateDir(state.Path, TimeProvider.System, Console.Out);
                await proxy.RunAsync(ct).ConfigureAwait(false);
                return 0;
            },
            ct));
        return new Command(Name, "Internal: the peer fault proxy started by `operator cluster up`") { Hidden = true, Subcommands = { run } };
    }
}
