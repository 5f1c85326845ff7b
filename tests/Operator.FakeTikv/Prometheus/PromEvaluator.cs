namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// Evaluates <see cref="PromExpr"/> against a <see cref="SeriesCatalog"/> with PromQL's rules for labels: functions
/// and arithmetic drop <c>__name__</c>, comparisons filter, vector–vector operations match one-to-one on all other
/// labels, aggregations keep only their grouping labels. Series are flat over time, so <c>rate</c> is the series'
/// rate and <c>delta</c> of a gauge is 0.
/// </summary>
internal sealed class PromEvaluator
{
    // Prometheus scrapes every 15 s in the reference topology: what *_over_time counts in a window.
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(15);

    private readonly SeriesCatalog _catalog;
    private readonly double _now;

    public PromEvaluator(SeriesCatalog catalog, DateTimeOffset now)
    {
        _catalog = catalog;
        _now = now.ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <summary>Metric names the query asked for that no target exports (so the answer is empty for a reason the test may care about).</summary>
    public List<string> UnknownMetrics { get; } = [];

    public PromValue Evaluate(PromExpr expr) => expr switch
    {
        NumberExpr n => new ScalarValue(n.Value),
        SelectorExpr s => Select(s),
        NegateExpr n => Arithmetic("*", Evaluate(n.Inner), new ScalarValue(-1)),
        BinaryExpr b => Binary(b.Operator, Evaluate(b.Left), Evaluate(b.Right), b.Matching),
        AggregateExpr a => Aggregate(a),
        CallExpr c => Call(c),
        _ => throw new UnsupportedQueryException($"not supported by the fake Prometheus: {expr.GetType().Name}"),
    };

    private PromValue Select(SelectorExpr selector)
    {
        if (!SeriesCatalog.Knows(selector.Name))
        {
            UnknownMetrics.Add(selector.Name);
        }

        var series = _catalog.Select(selector.Name).Where(s => selector.Matchers.All(m => m.Matches(s.Labels))).ToList();
        return selector.Range is { } window
            ? new RangeValue(series, window)
            : new VectorValue(series.Select(s => new Sample(s.Labels, s.Value)).ToList());
    }

    private PromValue Call(CallExpr call)
    {
        var args = call.Arguments.Select(Evaluate).ToList();
        return (call.Function, args) switch
        {
            ("rate" or "irate", [RangeValue r]) => FromRange(r, s => s.Rate),
            ("increase", [RangeValue r]) => FromRange(r, s => s.Rate * r.Window.TotalSeconds),
            ("delta" or "idelta" or "deriv", [RangeValue r]) => FromRange(r, s => s.Rate * (call.Function == "delta" ? r.Window.TotalSeconds : 1)),
            ("avg_over_time" or "min_over_time" or "max_over_time" or "last_over_time", [RangeValue r]) => FromRange(r, s => s.Value),
            ("sum_over_time", [RangeValue r]) => FromRange(r, s => s.Value * Samples(r.Window)),
            ("count_over_time", [RangeValue r]) => FromRange(r, _ => Samples(r.Window)),
            ("histogram_quantile", [ScalarValue q, VectorValue v]) => Quantile(q.Value, v),
            ("abs" or "ceil" or "floor" or "round" or "sqrt" or "ln" or "exp", [VectorValue v]) => Map(v, Math1(call.Function)),
            ("clamp_min", [VectorValue v, ScalarValue s]) => Map(v, x => Math.Max(x, s.Value)),
            ("clamp_max", [VectorValue v, ScalarValue s]) => Map(v, x => Math.Min(x, s.Value)),
            ("time", []) => new ScalarValue(_now),
            ("vector", [ScalarValue s]) => new VectorValue([new Sample(LabelSet.Empty, s.Value)]),
            ("scalar", [VectorValue v]) => new ScalarValue(v.Samples.Count == 1 ? v.Samples[0].Value : double.NaN),
            _ => throw new UnsupportedQueryException($"not supported by the fake Prometheus: {call.Function}() with these arguments"),
        };
    }

    private static double Samples(TimeSpan window) => Math.Max(1, Math.Floor(window / ScrapeInterval));

    private static VectorValue FromRange(RangeValue range, Func<MetricSeries, double> value) =>
        new(range.Series.Select(s => new Sample(s.Labels.WithoutName(), value(s))).ToList());

    private static VectorValue Map(VectorValue vector, Func<double, double> f) =>
        new(vector.Samples.Select(s => new Sample(s.Labels.WithoutName(), f(s.Value))).ToList());

    private static Func<double, double> Math1(string function) => function switch
    {
        "abs" => Math.Abs,
        "ceil" => Math.Ceiling,
        "floor" => Math.Floor,
        "round" => x => Math.Round(x, MidpointRounding.AwayFromZero),
        "sqrt" => Math.Sqrt,
        "ln" => Math.Log,
        _ => Math.Exp,
    };

    private static VectorValue Quantile(double quantile, VectorValue buckets)
    {
        var groups = buckets.Samples
            .Where(s => s.Labels.Get("le").Length > 0)
            .GroupBy(s => s.Labels.Without([LabelSet.MetricName, "le"]));
        var result = new List<Sample>();
        foreach (var group in groups)
        {
            var points = group.Select(s => (Bound: ParseLe(s.Labels.Get("le")), s.Value)).ToList();
            result.Add(new Sample(group.Key, HistogramQuantile.Compute(quantile, points)));
        }

        return new VectorValue(result);
    }

    private static double ParseLe(string le) => le switch
    {
        "+Inf" => double.PositiveInfinity,
        _ => double.Parse(le, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static VectorValue Aggregate(string op, IEnumerable<IGrouping<LabelSet, Sample>> groups) =>
        new(groups.Select(g => new Sample(g.Key, op switch
        {
            "sum" => g.Sum(s => s.Value),
            "avg" => g.Average(s => s.Value),
            "min" => g.Min(s => s.Value),
            "max" => g.Max(s => s.Value),
            _ => g.Count(),
        })).ToList());

    private VectorValue Aggregate(AggregateExpr aggregate)
    {
        if (Evaluate(aggregate.Inner) is not VectorValue vector)
        {
            throw new UnsupportedQueryException($"not supported by the fake Prometheus: {aggregate.Operator} over a non-vector");
        }

        Func<Sample, LabelSet> key = aggregate.Grouping is null
            ? _ => LabelSet.Empty
            : aggregate.Without
                ? s => s.Labels.Without([.. aggregate.Grouping, LabelSet.MetricName])
                : s => s.Labels.Only([.. aggregate.Grouping]);
        return Aggregate(aggregate.Operator, vector.Samples.GroupBy(key));
    }

    private static PromValue Binary(string op, PromValue left, PromValue right, VectorMatching? matching = null)
    {
        var comparison = op is "==" or "!=" or ">" or "<" or ">=" or "<=";
        return (left, right) switch
        {
            (ScalarValue, ScalarValue) when comparison => throw new QueryExecutionException("comparisons between scalars must use BOOL modifier"),
            (VectorValue l, VectorValue r) => VectorVector(op, comparison, l, r, matching),
            _ when comparison => Filter(op, left, right),
            _ => Arithmetic(op, left, right),
        };
    }

    private static PromValue Arithmetic(string op, PromValue left, PromValue right) => (left, right) switch
    {
        (ScalarValue l, ScalarValue r) => new ScalarValue(Apply(op, l.Value, r.Value)),
        (VectorValue l, ScalarValue r) => new VectorValue(l.Samples.Select(s => new Sample(s.Labels.WithoutName(), Apply(op, s.Value, r.Value))).ToList()),
        (ScalarValue l, VectorValue r) => new VectorValue(r.Samples.Select(s => new Sample(s.Labels.WithoutName(), Apply(op, l.Value, s.Value))).ToList()),
        _ => throw new UnsupportedQueryException("not supported by the fake Prometheus: arithmetic on a range vector"),
    };

    private static VectorValue Filter(string op, PromValue left, PromValue right) => (left, right) switch
    {
        (VectorValue l, ScalarValue r) => new VectorValue(l.Samples.Where(s => Compare(op, s.Value, r.Value)).ToList()),
        (ScalarValue l, VectorValue r) => new VectorValue(r.Samples.Where(s => Compare(op, l.Value, s.Value)).ToList()),
        _ => throw new UnsupportedQueryException("not supported by the fake Prometheus: comparison on a range vector"),
    };

    // One-to-one matching, as PromQL does it: on all labels but the name, or on(…) / ignoring(…) those given.
    private static VectorValue VectorVector(string op, bool comparison, VectorValue left, VectorValue right, VectorMatching? matching)
    {
        Func<LabelSet, LabelSet> keyOf = matching switch
        {
            null => l => l.WithoutName(),
            { On: true } => l => l.Only([.. matching.Labels]),
            _ => l => l.Without([.. matching.Labels, LabelSet.MetricName]),
        };
        var rightBySignature = new Dictionary<LabelSet, double>();
        foreach (var sample in right.Samples)
        {
            if (!rightBySignature.TryAdd(keyOf(sample.Labels), sample.Value))
            {
                throw new QueryExecutionException($"found duplicate series for the match group {keyOf(sample.Labels)} on the right hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }

        var seen = new HashSet<LabelSet>();
        var result = new List<Sample>();
        foreach (var sample in left.Samples)
        {
            var key = keyOf(sample.Labels);
            if (!seen.Add(key))
            {
                throw new QueryExecutionException($"found duplicate series for the match group {key} on the left hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side");
            }

            if (!rightBySignature.TryGetValue(key, out var other))
            {
                continue;
            }

            if (comparison)
            {
                if (Compare(op, sample.Value, other))
                {
                    result.Add(sample);
                }
            }
            else
            {
                result.Add(new Sample(key, Apply(op, sample.Value, other)));
            }
        }

        return new VectorValue(result);
    }

    private static double Apply(string op, double l, double r) => op switch
    {
        "+" => l + r,
        "-" => l - r,
        "*" => l * r,
        "/" => l / r,
        "%" => l % r,
        "^" => Math.Pow(l, r),
        _ => throw new UnsupportedQueryException($"not supported by the fake Prometheus: operator {op}"),
    };

    private static bool Compare(string op, double l, double r) => op switch
    {
        "==" => l == r,
        "!=" => l != r,
        ">" => l > r,
        "<" => l < r,
        ">=" => l >= r,
        _ => l <= r,
    };
}
