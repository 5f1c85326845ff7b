using System.CommandLine;
using Operator.Cli.Demo;
using Operator.Core;
using Operator.Llm;
using Operator.Tui.Demo;

namespace Operator.Cli.Commands;

/// <summary><c>operator demo</c>: the chaos demo as a live dashboard (interactive or <c>--auto</c>) or in plain text.</summary>
internal static class DemoCommands
{
    public static Command Build()
    {
        var plain = new Option<bool>("--plain") { Description = "Plain text, stage by stage, no dashboard (for piped output and CI)" };
        var auto = new Option<bool>("--auto") { Description = "Advance chapters by themselves (for recordings and unattended runs); keys still work" };
        var chapterSeconds = new Option<double>("--chapter-seconds") { Description = "With --auto: seconds each chapter stays on screen (at least until its step is done)", DefaultValueFactory = _ => 6 };
        chapterSeconds.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (v is <= 0 or > 600 || double.IsNaN(v))
            {
                r.AddError("--chapter-seconds must be between 0 and 600 (e.g. 6)");
            }
        });
        var fault = new Option<string>("--fault") { Description = "Which fault to inject", DefaultValueFactory = _ => "kill-leader" };
        fault.AcceptOnlyFromAmong([.. DemoFaults.Names]);
        var engines = new Engines();
        var command = new Command("demo", "The chaos demo: a healthy cluster under load, a fault, detection, diagnosis, recovery")
        {
            plain, auto, chapterSeconds, fault,
        };
        foreach (var o in engines.All)
        {
            command.Add(o);
        }

        command.Add(Guard());
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var faultName = parse.GetValue(fault)!;
                if (parse.GetValue(plain))
                {
                    var plainState = Options.State(parse).EnsureWritable();
                    return await new PlainDemo(plainState, faultName, Console.Out).RunAsync(ct).ConfigureAwait(false);
                }

                var isAuto = parse.GetValue(auto);
                RequireTerminal(isAuto);
                var state = Options.State(parse).EnsureWritable();
                engines.Create(parse, new Subjects.EtcdSetup(state, null)); // a missing API key or bad --base-url fails here, before anything starts
                var options = new DemoOptions(
                    DemoFaults.Parse(faultName),
                    EngineLabel(parse, engines),
                    isAuto ? TimeSpan.FromSeconds(parse.GetValue(chapterSeconds)) : null);
                return await LiveDemo.RunAsync(state, options, EngineArguments(parse, engines), Console.Out, ct).ConfigureAwait(false);
            },
            ct));
        return command;
    }

    /// <summary>The hidden <c>demo guard</c>: stops the demo's cluster if the demo dies without cleaning up.</summary>
    private static Command Guard()
    {
        var guard = new Command("guard", "Internal: stops the demo's cluster when the demo dies (reads stdin)") { Hidden = true };
        guard.SetAction((parse, _) => Run.Guarded(() => DemoGuard.WatchAsync(Options.State(parse), Console.In), CancellationToken.None));
        return guard;
    }

    private static void RequireTerminal(bool auto)
    {
        if (Console.IsOutputRedirected)
        {
            throw new OperatorException(
                "demo draws a live dashboard and needs a terminal, but stdout is not one; use `operator demo --plain` for piped output or CI, or run `operator demo --auto` in a terminal");
        }

        if (!auto && Console.IsInputRedirected)
        {
            throw new OperatorException(
                "demo advances on key presses, but stdin is not a terminal; use `operator demo --auto` to advance by timer, or `operator demo --plain`");
        }
    }

    private static string EngineLabel(ParseResult parse, Engines engines)
    {
        var name = parse.GetValue(engines.Engine) ?? EngineEnvironment.DefaultEngine();
        return parse.GetValue(engines.Model) is { } model && name != EngineEnvironment.Rules ? $"{name}/{model}" : name;
    }

    private static List<string> EngineArguments(ParseResult parse, Engines engines)
    {
        var args = new List<string>();
        foreach (var (option, value) in new[] { (engines.Engine, parse.GetValue(engines.Engine)), (engines.Model, parse.GetValue(engines.Model)), (engines.BaseUrl, parse.GetValue(engines.BaseUrl)) })
        {
            if (value is not null)
            {
                args.AddRange([option.Name, value]);
            }
        }

        return args;
    }
}
