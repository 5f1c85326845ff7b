using System.CommandLine;
using Operator.Cli.Demo;

namespace Operator.Cli.Commands;

/// <summary><c>operator demo --plain</c>: the chaos run in plain text.</summary>
internal static class DemoCommands
{
    public static Command Build()
    {
        var plain = new Option<bool>("--plain") { Description = "Plain text, stage by stage (the live dashboard comes later)" };
        var fault = new Option<string>("--fault") { Description = "Which fault to inject", DefaultValueFactory = _ => "kill-leader" };
        fault.AcceptOnlyFromAmong("kill-leader", "kill-follower");
        var command = new Command("demo", "The chaos demo: a healthy cluster under load, a killed member, detection, diagnosis, recovery") { plain, fault };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                if (!parse.GetValue(plain))
                {
                    throw new Core.OperatorException("the live dashboard is not built yet; run `operator demo --plain`");
                }

                var state = Options.State(parse).EnsureWritable();
                return await new PlainDemo(state, parse.GetValue(fault)!, Console.Out).RunAsync(ct).ConfigureAwait(false);
            },
            ct));
        return command;
    }
}
