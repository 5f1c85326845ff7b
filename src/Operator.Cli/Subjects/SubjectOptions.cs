using System.CommandLine;
using Operator.Core;

namespace Operator.Cli.Subjects;

/// <summary>
/// The options that choose and locate the subject, added to a command together: <c>--subject etcd|tikv</c>,
/// <c>--endpoints</c> (etcd), <c>--pd</c>, <c>--prometheus</c> and <c>--log-dir</c> (TiKV).
/// </summary>
internal sealed class SubjectOptions
{
    public const string Etcd = "etcd";
    public const string Tikv = "tikv";

    public SubjectOptions()
    {
        Subject.AcceptOnlyFromAmong(Etcd, Tikv);
    }

    public Option<string> Subject { get; } = new("--subject")
    {
        Description = "The system to operate: etcd (the local cluster, or --endpoints) or tikv (--pd, or the compose cluster)",
        DefaultValueFactory = _ => Etcd,
    };

    public Option<string?> Endpoints { get; } = Options.Endpoints();

    public Option<string?> Pd { get; } = new("--pd") { Description = "TiKV: PD client URLs, comma-separated (e.g. http://pd0:2379,http://pd1:2379)" };

    public Option<string?> Prometheus { get; } = new("--prometheus") { Description = "TiKV: Prometheus base URL for per-store metrics (e.g. http://prom:9090); without it metrics are reported unavailable" };

    public Option<string?> LogDir { get; } = new("--log-dir") { Description = "TiKV: folder with the nodes' log files (store4.log or tikv1.log, pd0.log) used as diagnosis evidence" };

    public IEnumerable<Option> All => [Subject, Endpoints, Pd, Prometheus, LogDir];

    /// <summary>True when the command line says <c>--subject tikv</c>.</summary>
    public bool IsTikv(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Subject) == Tikv;
    }

    /// <summary>The subject the command line names, bound to the state dir; options of the other subject are refused.</summary>
    public ISubjectSetup Resolve(ParseResult parse, StateDirectory state)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var subject = parse.GetValue(Subject) ?? Etcd;
        if (subject == Tikv)
        {
            if (parse.GetValue(Endpoints) is not null)
            {
                throw new OperatorException("--endpoints is for etcd; for TiKV give PD's URLs with --pd");
            }

            return new TikvSetup(state, parse.GetValue(Pd), parse.GetValue(Prometheus), parse.GetValue(LogDir));
        }

        foreach (var tikvOnly in new[] { Pd, Prometheus, LogDir })
        {
            if (parse.GetValue(tikvOnly) is not null)
            {
                throw new OperatorException($"{tikvOnly.Name} is for TiKV; add --subject tikv");
            }
        }

        return new EtcdSetup(state, parse.GetValue(Endpoints));
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Add(option);
        }
    }
}
