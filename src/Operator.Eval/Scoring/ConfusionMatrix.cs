namespace Operator.Eval.Scoring;

/// <summary>Injected cause × diagnosed cause, counted over scored trials; a trial without a diagnosis counts as <see cref="None"/>.</summary>
public sealed class ConfusionMatrix
{
    /// <summary>The column of trials that got no diagnosis.</summary>
    public const string None = "(none)";

    private readonly Dictionary<(string Injected, string Diagnosed), int> _counts;

    private ConfusionMatrix(IReadOnlyList<string> injected, IReadOnlyList<string> diagnosed, Dictionary<(string, string), int> counts)
    {
        Injected = injected;
        Diagnosed = diagnosed;
        _counts = counts;
    }

    /// <summary>Rows: the injected causes, in order of first appearance.</summary>
    public IReadOnlyList<string> Injected { get; }

    /// <summary>Columns: the injected causes first (so the diagonal is the right answer), then any other cause named, then <see cref="None"/>.</summary>
    public IReadOnlyList<string> Diagnosed { get; }

    /// <summary>Trials that injected <paramref name="injected"/> and were diagnosed <paramref name="diagnosed"/>.</summary>
    public int this[string injected, string diagnosed] => _counts.GetValueOrDefault((injected, diagnosed));

    /// <summary>The matrix of <paramref name="scores"/>.</summary>
    public static ConfusionMatrix Of(IEnumerable<TrialScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        var injected = list.Select(s => s.Record.Truth.Cause).Distinct(StringComparer.Ordinal).ToList();
        var named = list.Select(s => s.DiagnosedCause).Where(c => c != None).Distinct(StringComparer.Ordinal).Where(c => !injected.Contains(c)).Order(StringComparer.Ordinal);
        var columns = injected.Concat(named).ToList();
        if (list.Any(s => s.DiagnosedCause == None))
        {
            columns.Add(None);
        }

        var counts = list.GroupBy(s => (s.Record.Truth.Cause, s.DiagnosedCause)).ToDictionary(g => g.Key, g => g.Count());
        return new ConfusionMatrix(injected, columns, counts);
    }
}
