using System.CommandLine;
using Operator.Etcd.Client;
using Operator.Workload;

namespace Operator.Cli.Commands;

/// <summary><c>operator load run</c>: the YCSB-like workload generator.</summary>
internal static class LoadCommands
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);

    public static Command Build()
    {
        var load = new Command("load", "Put a key-value workload on the cluster");
        load.Add(RunCommand());
        return load;
    }

    private static Command RunCommand()
    {
        var workload = new Option<string>("--workload") { Description = "YCSB core workload: a (50% reads, 50% updates), b (95% reads), c (reads only)", DefaultValueFactory = _ => "a" };
        workload.Validators.Add(r =>
        {
            if (WorkloadSpec.Find(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError($"--workload: '{r.GetValueOrDefault<string>()}' is not a workload; use a, b or c");
            }
        });
        var clients = Bounded("--clients", "Concurrent clients, spread over the members", 16, 1, 1024);
        var duration = Options.Duration("--duration", "How long to measure; 0 runs until SIGINT/SIGTERM", TimeSpan.FromSeconds(30), allowZero: true);
        var json = new Option<bool>("--json") { Description = "One JSON object per line: start, interval (every second), summary" };
        var targetRate = new Option<double?>("--target-rate") { Description = "Total ops/s on a fixed schedule; an operation that falls behind is timed from its intended start (coordinated omission corrected). Default: as fast as the clients can" };
        targetRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } rate && !(rate > 0 && double.IsFinite(rate)))
            {
                r.AddError($"--target-rate: {rate} is not a positive number of ops/s");
            }
        });
        var records = Bounded("--records", "Keys written by the load phase and then read and updated (zipfian)", 1000, 1, 10_000_000);
        var valueSize = Bounded("--value-size", "Bytes per value", 100, 0, 1_000_000);
        var endpoints = Options.Endpoints();
        endpoints.Description = "Load an external etcd cluster at these client URLs (comma-separated) instead of the local one";

        var command = new Command("run", "Run a workload: load the records, then one status line per second and a summary")
        {
            workload, clients, duration, json, targetRate, records, valueSize, endpoints,
        };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                using var client = new EtcdClient(TimeProvider.System);
                var target = Wiring.LoadTarget(Options.State(parse), parse.GetValue(endpoints), client, OperationTimeout);
                ILoadOutput output = parse.GetValue(json) ? new JsonLinesOutput(Console.Out) : new PlainTextOutput(Console.Out);
                var options = new LoadOptions
                {
                    Workload = WorkloadSpec.Find(parse.GetValue(workload))!,
                    Clients = parse.GetValue(clients),
                    Duration = parse.GetValue(duration),
                    TargetRate = parse.GetValue(targetRate),
                    Records = parse.GetValue(records),
                    ValueSize = parse.GetValue(valueSize),
                };
                await new LoadGenerator(target, options, output, TimeProvider.System).RunAsync(ct).ConfigureAwait(false);
                return 0;
            },
            ct));
        return command;
    }

    private static Option<int> Bounded(string name, string description, int fallback, int min, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} ({min}–{max})", DefaultValueFactory = _ => fallback };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                r.AddError($"{name}: {value} is out of range; use {min} to {max}");
            }
        });
        return option;
    }
}
