using System.Globalization;
using System.Runtime.InteropServices;
using Operator.FakeTikv;
using Operator.FakeTikv.Control;

// Bench scripts run the fake as a process: it prints its endpoints as one JSON line, then takes one command per line
// on stdin (see ControlProtocol.Help) and answers each with one line. It exits on end of input or SIGTERM.
const string Usage = "usage: Operator.FakeTikv [--pds N] [--stores N] [--regions N] [--miss-peer K] [--pd-leader pdN] [--not-bootstrapped] [--seed N]"
    + " [--pd-ports P,P,P] [--status-ports P,P,P] [--prometheus-port P] [--store-addresses HOST:PORT,…]";

var options = new FakeTikvOptions();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{args[i - 1]} takes a whole number");
    List<string> Items() => [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    List<int> Ports() => Items().Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 65536 ? n : throw new ArgumentException($"{args[i - 1]} takes ports separated by commas")).ToList();
    try
    {
        options = args[i] switch
        {
            "--pds" => options with { PdCount = Count() },
            "--stores" => options with { StoreCount = Count() },
            "--regions" => options with { RegionCount = Count() },
            "--miss-peer" => options with { MissPeerRegions = Count() },
            "--pd-leader" => options with { PdLeader = Value() },
            "--not-bootstrapped" => options with { Bootstrapped = false },
            "--seed" => options with { Seed = Count() },
            "--pd-ports" => options with { PdPorts = Ports() },
            "--status-ports" => options with { StatusPorts = Ports() },
            "--prometheus-port" => options with { PrometheusPort = Count() },
            "--store-addresses" => options with { StoreAddresses = Items() },
            _ => throw new ArgumentException($"unknown option {args[i]}"),
        };
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"Operator.FakeTikv: {e.Message}\n{Usage}");
        return 2;
    }
}

FakeTikvCluster cluster;
try
{
    cluster = FakeTikvCluster.Start(options);
}
catch (Exception e) when (e is ArgumentException or KeyNotFoundException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"Operator.FakeTikv: cannot start the fake cluster: {e.Message}");
    return 1;
}

await using (cluster)
{
    using var stop = new CancellationTokenSource();
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
    var protocol = new ControlProtocol(cluster);
    Console.Out.WriteLine(cluster.Endpoints().ToJsonLine());
    Console.Out.Flush();
    var stopped = Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => (string?)null, TaskScheduler.Default);
    while (true)
    {
        // Console reads block and ignore cancellation, so the read runs aside and SIGTERM wins the race instead.
        var line = await await Task.WhenAny(Task.Run(Console.In.ReadLine), stopped);
        if (line is null)
        {
            break;
        }

        if (line.Trim().Length > 0)
        {
            Console.Out.WriteLine(protocol.Execute(line));
            Console.Out.Flush();
        }
    }
}

return 0;
