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

        var series = new List<MetricSeries>();
        foreach (var candidate in _catalog.Select(selector.Name))
        {
            var matches = true;
            foreach (var matcher in selector.Matchers)
            {
                matches &= matcher.Matches(candidate.Labels);
            }

            if (matches)
            {
                series.Add(candidate);
            }
        }

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
        var byAllButLe = new LabelSet.Projection([LabelSet.MetricName, "le"], only: false);
        var groups = buckets.Samples
            .Where(s => s.Labels.Get("le").Length > 0)
            .GroupBy(s => s.Labels, byAllButLe);
        var result = new List<Sample>();
        foreach (var group in groups)
        {
            var points = group.Select(s => (Bound: ParseLe(s.Labels.Get("le")), s.Value)).ToList();
            result.Add(new Sample(byAllButLe.Apply(group.Key), HistogramQuantile.Compute(quantile, points)));
        }

        return new VectorValue(result);
    }

    private static readonly Dictionary<string, double> KnownBounds = Enumerable.Range(0, LatencyHistogram.Bounds.Count + 1)
        .ToDictionary(LatencyHistogram.Le, k => k < LatencyHistogram.Bounds.Count ? LatencyHistogram.Bounds[k] : double.PositiveInfinity, StringComparer.Ordinal);

    private static double ParseLe(string le) =>
        KnownBounds.TryGetValue(le, out var bound) ? bound : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);

    private static VectorValue Aggregate(string op, IEnumerable<IGrouping<LabelSet, Sample>> groups, Func<LabelSet, LabelSet> keyOf) =>
        new(groups.Select(g => new Sample(keyOf(g.Key), op switch
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

        var grouping = aggregate.Without
            ? new LabelSet.Projection([.. aggregate.Grouping ?? [], LabelSet.MetricName], only: false)
            : new LabelSet.Projection([.. aggregate.Grouping ?? []], only: true);
        return Aggregate(aggregate.Operator, vector.Samples.GroupBy(s => s.Labels, grouping), grouping.Apply);
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
        var projection = matching switch
        {
            null => LabelSet.Projection.AllButName,
            { On: true } => new LabelSet.Projection([.. matching.Labels], only: true),
            _ => new LabelSet.Projection([.. matching.Labels, LabelSet.MetricName], only: false),
        };
        var rightBySignature = new Dictionary<LabelSet, double>(projection);
        foreach (var sample in right.Samples)
        {
            if (!rightBySignature.TryAdd(sample.Labels, sample.Value))
            {
                throw new QueryExecutionException($"found duplicate series for the match group {projection.Apply(sample.Labels)} on the right hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }

        var seen = new HashSet<LabelSet>(projection);
        var result = new List<Sample>();
        foreach (var sample in left.Samples)
        {
            var key = sample.Labels;
            if (!seen.Add(key))
            {
                throw new QueryExecutionException($"found duplicate series for the match group {projection.Apply(key)} on the left hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side");
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
                result.Add(new Sample(projection.Apply(key), Apply(op, sample.Value, other)));
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
