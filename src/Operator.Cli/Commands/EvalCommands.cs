using System.CommandLine;
using System.Globalization;
using Operator.Cli.Eval;
using Operator.Core;
using Operator.Core.Faults;
using Operator.Core.Tickets;
using Operator.Etcd.Faults;
using Operator.Eval.Reports;
using Operator.Eval.Running;
using Operator.Eval.Runs;
using Operator.Eval.Scoring;
using Operator.Llm;

namespace Operator.Cli.Commands;

/// <summary>
/// <c>operator eval run|report|compare</c>: every fault of the catalogue injected into the run's own local etcd cluster,
/// detected by the real monitor and diagnosed by the real agent (child processes), scored against what was injected.
/// </summary>
internal static class EvalCommands
{
    public static Command Build()
    {
        var eval = new Command("eval", "Measure detection and diagnosis against injected faults (runs under <state-dir>/eval/)");
        eval.Add(RunCommand());
        eval.Add(Report());
        eval.Add(Compare());
        return eval;
    }

    private static Command RunCommand()
    {
        var faults = new Option<string?>("--faults") { Description = "all, or a comma-separated list from `operator chaos list` (default all; a resumed run keeps its own)" };
        var trials = new Option<int?>("--trials") { Description = "Trials per fault (default 10; a resumed run keeps its own)" };
        var engines = new Engines();
        engines.Engine.Description = "The agent's diagnosis engine: rules (the default here, whatever API keys are set), anthropic or openai";
        var output = new Option<string?>("--out") { Description = "Run directory (default <state-dir>/eval/<time>); an existing run there is resumed" };
        var command = new Command("run", "Inject every fault × trial into a fresh local cluster and record detection, diagnosis and recovery")
        {
            faults, trials, output,
        };
        foreach (var option in engines.All)
        {
            command.Add(option);
        }

        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse).EnsureWritable();
                var directory = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(RunsDirectory(state), DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
                var store = await EvalRunStore.OpenAsync(directory, ct).ConfigureAwait(false);
                var engineArguments = engines.Arguments(parse);
                if (parse.GetValue(engines.Engine) is null)
                {
                    engineArguments.InsertRange(0, [engines.Engine.Name, EngineEnvironment.Rules]);
                }

                var clusterState = StateDirectory.Resolve(Path.Combine(directory, "cluster"));
                var cluster = Wiring.Cluster(clusterState);
                var catalogue = EtcdFaultCatalogue.Create(cluster);
                var info = await RunInfoAsync(store, directory, parse.GetValue(faults), parse.GetValue(trials), engines.Label(parse, EngineEnvironment.Rules), catalogue, ct).ConfigureAwait(false);
                Console.WriteLine($"evaluation {info.Id}: {string.Join(", ", info.Faults)} × {info.Trials} trials, engine {info.Engine}; run dir {directory}");

                await EvalCluster.PrepareAsync(cluster, clusterState, ct).ConfigureAwait(false);
                try
                {
                    var injector = new FaultInjector(catalogue, FaultCommands.Store(clusterState));
                    await using var environment = new EtcdEvalEnvironment(clusterState, cluster, directory, engineArguments);
                    using var tickets = await TicketStore.OpenAsync(clusterState.DatabasePath, TicketPolicy.Default, TimeProvider.System, ct).ConfigureAwait(false);
                    var runner = new EvalRunner(injector, environment, tickets, store, new EvalRunOptions(), TimeProvider.System, Console.WriteLine);
                    try
                    {
                        info = await runner.RunAsync(info, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        Console.WriteLine($"interrupted; the current fault was reverted. Resume with `operator eval run --out {directory}`");
                        return Run.Interrupted;
                    }
                }
                finally
                {
                    await EvalCluster.StopAsync(cluster).ConfigureAwait(false);
                }

                var summary = EvalSummary.Of((await store.TrialsAsync(ct).ConfigureAwait(false)).Select(t => t.Record));
                var title = Title(info);
                await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), MarkdownReport.Render(title, summary), ct).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonReport.Render(title, summary), ct).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), HtmlReport.Render(title, summary), ct).ConfigureAwait(false);
                Console.WriteLine();
                Console.Write(MarkdownReport.Render(title, summary));
                Console.WriteLine();
                Console.WriteLine($"reports: {Path.Combine(directory, "report.md")}, report.json, report.html");
                return 0;
            },
            ct));
        return command;
    }

    private static Command Report()
    {
        var run = new Argument<string?>("run") { Description = "A run directory, or a run's name under <state-dir>/eval/ (default: the newest)", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "md, json or html", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var command = new Command("report", "Print a run's report (Markdown, JSON, or a self-contained HTML page)") { run, format };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var (info, summary) = await LoadAsync(Options.State(parse), parse.GetValue(run), ct).ConfigureAwait(false);
                var title = Title(info);
                Console.Write(parse.GetValue(format) switch
                {
                    "json" => JsonReport.Render(title, summary),
                    "html" => HtmlReport.Render(title, summary),
                    _ => MarkdownReport.Render(title, summary),
                });
                return 0;
            },
            ct));
        return command;
    }

    private static Command Compare()
    {
        var a = new Argument<string>("run-a") { Description = "The first run (directory or name under <state-dir>/eval/)" };
        var b = new Argument<string>("run-b") { Description = "The second run" };
        var format = new Option<string>("--format") { Description = "md or json", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json");
        var command = new Command("compare", "Two runs side by side, fault by fault (e.g. rules vs an LLM engine, or before vs after a change)") { a, b, format };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
                var left = await LoadAsync(state, parse.GetValue(a), ct).ConfigureAwait(false);
                var right = await LoadAsync(state, parse.GetValue(b), ct).ConfigureAwait(false);
                Console.Write(parse.GetValue(format) == "json"
                    ? CompareReport.Json((left.Info.Id, left.Summary), (right.Info.Id, right.Summary))
                    : CompareReport.Markdown((left.Info.Id, left.Summary), (right.Info.Id, right.Summary)));
                return 0;
            },
            ct));
        return command;
    }

    private static async Task<EvalRunInfo> RunInfoAsync(
        EvalRunStore store,
        string directory,
        string? faults,
        int? trials,
        string engine,
        FaultCatalogue catalogue,
        CancellationToken cancellationToken)
    {
        if (trials is < 1)
        {
            throw new OperatorException($"--trials must be at least 1, not {trials}");
        }

        var recorded = await store.InfoAsync(cancellationToken).ConfigureAwait(false);
        var selected = faults is null ? null : catalogue.Select(faults).Select(f => f.Name).ToList();
        if (recorded is null)
        {
            return new EvalRunInfo(Path.GetFileName(directory), DateTimeOffset.UtcNow, engine, selected ?? catalogue.Names, trials ?? 10, "running", null);
        }

        if ((selected is not null && !selected.SequenceEqual(recorded.Faults)) || (trials is { } t && t != recorded.Trials) || engine != recorded.Engine)
        {
            throw new OperatorException(
                $"{directory} holds a run of {string.Join(",", recorded.Faults)} × {recorded.Trials} with engine {recorded.Engine}; resume it with the same settings (or none), or pass another --out");
        }

        Console.WriteLine($"resuming: {recorded.Status}, started {Core.Time.Timestamps.ToWire(recorded.CreatedAt)}");
        return recorded;
    }

    private static async Task<(EvalRunInfo Info, EvalSummary Summary)> LoadAsync(StateDirectory state, string? run, CancellationToken cancellationToken)
    {
        var directory = ResolveRun(state, run);
        var store = await EvalRunStore.OpenAsync(directory, cancellationToken).ConfigureAwait(false);
        var info = await store.InfoAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new OperatorException($"{directory} holds no evaluation run; start one with `operator eval run`");
        var trials = await store.TrialsAsync(cancellationToken).ConfigureAwait(false);
        return (info, EvalSummary.Of(trials.Select(t => t.Record)));
    }

    private static string ResolveRun(StateDirectory state, string? run)
    {
        if (run is not null)
        {
            foreach (var candidate in new[] { run, Path.Combine(RunsDirectory(state), run) })
            {
                if (EvalRunStore.ExistsIn(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            throw new OperatorException($"no evaluation run at {run} or {Path.Combine(RunsDirectory(state), run)}; list them with `ls {RunsDirectory(state)}`");
        }

        var newest = Directory.Exists(RunsDirectory(state))
            ? Directory.EnumerateDirectories(RunsDirectory(state)).Where(EvalRunStore.ExistsIn).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return newest ?? throw new OperatorException($"no evaluation runs in {RunsDirectory(state)}; start one with `operator eval run`");
    }

    private static string RunsDirectory(StateDirectory state) => Path.Combine(state.Path, "eval");

    private static string Title(EvalRunInfo info) =>
        $"Operator evaluation {info.Id}: engine {info.Engine}, {info.Trials} trial(s) per fault ({info.Status})";
}
