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
        var subject = new Option<string>("--subject")
        {
            Description = "The cluster to demo: etcd (the local cluster) or tikv (the docker compose deployment, or --pd)",
            DefaultValueFactory = _ => Subjects.SubjectOptions.Etcd,
        };
        subject.AcceptOnlyFromAmong(Subjects.SubjectOptions.Etcd, Subjects.SubjectOptions.Tikv);
        var pd = new Option<string?>("--pd") { Description = "TiKV: demo an existing cluster at these PD client URLs (comma-separated); needs --prometheus" };
        var prometheus = new Option<string?>("--prometheus") { Description = "TiKV with --pd: Prometheus base URL, where the WORKLOAD panel reads TiKV's request rate" };
        var engines = new Engines();
        var command = new Command("demo", "The chaos demo: a healthy cluster under load, a fault, detection, diagnosis, recovery")
        {
            plain, auto, chapterSeconds, fault, subject, pd, prometheus,
        };
        foreach (var o in engines.All)
        {
            command.Add(o);
        }

        command.Add(Guard());
        command.Add(Throughput());
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var faultName = parse.GetValue(fault)!;
                var isTikv = parse.GetValue(subject) == Subjects.SubjectOptions.Tikv;
                var (pdUrls, prometheusUrl) = TikvTarget(parse.GetValue(pd), parse.GetValue(prometheus), isTikv);
                if (isTikv && parse.GetValue(plain))
                {
                    throw new OperatorException("demo --plain runs the etcd demo only; for TiKV run the dashboard: `operator demo --subject tikv --auto`");
                }

                if (pdUrls is not null && Options.State(parse) is var target && !new TiKV.Deployment.ComposeDeployment(target.Path).Exists)
                {
                    throw new OperatorException(
                        $"demo --pd can watch that cluster but not break it: the {faultName} fault acts on the compose deployment's containers, and there is none in {target.Path}; run `operator demo --subject tikv` (it starts the deployment), or watch without faults with `operator monitor run --subject tikv --pd URLS`");
                }

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
                    engines.Label(parse, EngineEnvironment.DefaultEngine()),
                    isAuto ? TimeSpan.FromSeconds(parse.GetValue(chapterSeconds)) : null);
                if (!isTikv)
                {
                    return await LiveDemo.RunEtcdAsync(state, options, engines.Arguments(parse), Console.Out, ct).ConfigureAwait(false);
                }

                return await LiveDemo.RunTikvAsync(state, pdUrls, prometheusUrl, options, engines.Arguments(parse), Console.Out, ct).ConfigureAwait(false);
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

    /// <summary>The hidden <c>demo throughput</c>: the TiKV demo's WORKLOAD child, TiKV's request rate and p99 from Prometheus each second.</summary>
    private static Command Throughput()
    {
        var prometheus = new Option<string>("--prometheus") { Description = "Prometheus base URL", Required = true };
        var compose = new Option<bool>("--compose") { Description = "The load is the compose deployment's go-ycsb" };
        var throughput = new Command("throughput", "Internal: prints TiKV's request rate and p99 from Prometheus once a second as JSON lines") { Hidden = true };
        throughput.Add(prometheus);
        throughput.Add(compose);
        throughput.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var url = Subjects.Urls.Parse("--prometheus", parse.GetValue(prometheus)!, "--prometheus http://127.0.0.1:9090").Single();
                using var client = new TiKV.Prometheus.PrometheusClient(url, TimeProvider.System);
                var reporter = new ThroughputReporter(new TiKV.Prometheus.TikvThroughputReader(client), Console.Out, TimeProvider.System);
                return await reporter.RunAsync(ThroughputLines.DescribeFor(url, parse.GetValue(compose)), ct).ConfigureAwait(false);
            },
            ct));
        return throughput;
    }

    /// <summary>
    /// The TiKV cluster to demo: null PD and Prometheus for the compose deployment, or both given for an existing cluster
    /// (the WORKLOAD panel needs Prometheus); refused for etcd.
    /// </summary>
    private static (IReadOnlyList<Uri>? Pd, Uri? Prometheus) TikvTarget(string? pd, string? prometheus, bool isTikv)
    {
        if (!isTikv)
        {
            return pd is not null || prometheus is not null
                ? throw new OperatorException($"{(pd is not null ? "--pd" : "--prometheus")} is for TiKV; add --subject tikv")
                : (null, null);
        }

        if (pd is null)
        {
            return prometheus is null
                ? (null, null)
                : throw new OperatorException("--prometheus goes with --pd; without --pd the demo uses the compose deployment and its Prometheus");
        }

        if (prometheus is null)
        {
            throw new OperatorException("demo --pd needs --prometheus too: the WORKLOAD panel reads TiKV's request rate from it (e.g. --prometheus http://127.0.0.1:9090)");
        }

        return (
            Subjects.Urls.Parse("--pd", pd, "--pd http://127.0.0.1:2379,http://127.0.0.1:2479"),
            Subjects.Urls.Parse("--prometheus", prometheus, "--prometheus http://127.0.0.1:9090").Single());
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
}
