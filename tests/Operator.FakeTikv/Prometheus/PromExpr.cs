namespace Operator.FakeTikv.Prometheus;

/// <summary>The PromQL subset the fake evaluates: selectors, rate-like and a few other functions, aggregations, arithmetic and comparisons.</summary>
public abstract record PromExpr;

public sealed record NumberExpr(double Value) : PromExpr;

/// <summary><c>name{label="v", …}</c>, with <c>[range]</c> for a range selector.</summary>
public sealed record SelectorExpr(string Name, IReadOnlyList<LabelMatcher> Matchers, TimeSpan? Range) : PromExpr;

public sealed record CallExpr(string Function, IReadOnlyList<PromExpr> Arguments) : PromExpr;

/// <summary><c>sum by (instance) (…)</c>; <see cref="Without"/> for <c>without (…)</c>; no grouping means one group.</summary>
public sealed record AggregateExpr(string Operator, IReadOnlyList<string>? Grouping, bool Without, PromExpr Inner) : PromExpr;

/// <summary><c>a op b</c>, with <c>on(…)</c> or <c>ignoring(…)</c> for one-to-one vector matching when given.</summary>
public sealed record BinaryExpr(string Operator, PromExpr Left, PromExpr Right, VectorMatching? Matching = null) : PromExpr;

/// <summary><c>on(labels)</c> (<see cref="On"/> true) or <c>ignoring(labels)</c>.</summary>
public sealed record VectorMatching(bool On, IReadOnlyList<string> Labels);

public sealed record NegateExpr(PromExpr Inner) : PromExpr;

/// <summary>One label matcher: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c> (regexes fully anchored, as in PromQL).</summary>
public sealed record LabelMatcher(string Label, string Operator, string Value)
{
    private readonly System.Text.RegularExpressions.Regex? _regex = Operator is "=~" or "!~"
        ? new System.Text.RegularExpressions.Regex("^(?:" + Value + ")$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)
        : null;

    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var actual = labels.Get(Label);
        return Operator switch
        {
            "=" => actual == Value,
            "!=" => actual != Value,
            "=~" => _regex!.IsMatch(actual),
            _ => !_regex!.IsMatch(actual),
        };
    }
}
