using System.CommandLine;

namespace Operator.Cli.Subjects;

/// <summary>The options that choose and locate the subject (<c>--endpoints</c> for etcd), added to a command together.</summary>
internal sealed class SubjectOptions
{
    public Option<string?> Endpoints { get; } = Options.Endpoints();

    public IEnumerable<Option> All => [Endpoints];

    /// <summary>The subject the command line names, bound to the state dir.</summary>
    public ISubjectSetup Resolve(ParseResult parse, StateDirectory state) => new EtcdSetup(state, parse.GetValue(Endpoints));

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Add(option);
        }
    }
}
