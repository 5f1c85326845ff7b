using Operator.Core;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Core.Tests.Invariants;

public sealed class InvariantEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private sealed class Scripted(string name, TimeSpan grace) : IInvariant
    {
        public Func<Observation, IReadOnlyList<Finding>?> Script { get; set; } = _ => [];

        public string Name => name;

        public string Description => "scripted";

        public InvariantSettings Defaults { get; } = new(true, grace, Severity.Warning, new Dictionary<string, double> { ["limit"] = 1 });

        public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings) => Script(observation);
    }

    private static Observation At(double seconds) => new(T0.AddSeconds(seconds), "test", [], new Dictionary<string, string>(), [], TimeSpan.Zero);

    private static Finding F(string target) => new(target, target, $"{target} broken", new Dictionary<string, object?>());

    [Fact]
    public void Finding_becomes_a_violation_only_after_its_grace_period()
    {
        var inv = new Scripted("x", TimeSpan.FromSeconds(1)) { Script = _ => [F("n2")] };
        var engine = new InvariantEngine([inv], InvariantConfig.Empty);

        var first = engine.Evaluate(At(0));
        Assert.Empty(first.Violations);
        Assert.Equal(1, first.Pending);
        Assert.Empty(engine.Evaluate(At(0.5)).Violations);
        var v = Assert.Single(engine.Evaluate(At(1.0)).Violations);
        Assert.Equal("x:n2", v.Key);
        Assert.Equal(T0, v.Since);
    }

    [Fact]
    public void Condition_that_clears_restarts_its_grace_period()
    {
        var broken = true;
        var inv = new Scripted("x", TimeSpan.FromSeconds(1)) { Script = _ => broken ? [F("n2")] : [] };
        var engine = new InvariantEngine([inv], InvariantConfig.Empty);
        engine.Evaluate(At(0));
        broken = false;
        engine.Evaluate(At(0.5));
        broken = true;
        Assert.Empty(engine.Evaluate(At(1.0)).Violations);
        Assert.Single(engine.Evaluate(At(2.0)).Violations);
    }

    [Fact]
    public void Invariant_that_cannot_evaluate_is_not_listed_as_evaluated_and_keeps_its_clock()
    {
        IReadOnlyList<Finding>? next = [F("n2")];
        var inv = new Scripted("x", TimeSpan.FromSeconds(1)) { Script = _ => next };
        var engine = new InvariantEngine([inv], InvariantConfig.Empty);
        engine.Evaluate(At(0));
        next = null;
        var blind = engine.Evaluate(At(0.5));
        Assert.DoesNotContain("x", blind.Evaluated);
        next = [F("n2")];
        Assert.Single(engine.Evaluate(At(1.0)).Violations);
    }

    [Fact]
    public void Throwing_invariant_is_reported_and_others_still_run()
    {
        var bad = new Scripted("bad", TimeSpan.Zero) { Script = _ => throw new InvalidOperationException("boom") };
        var good = new Scripted("good", TimeSpan.Zero) { Script = _ => [F("n1")] };
        var result = new InvariantEngine([bad, good], InvariantConfig.Empty).Evaluate(At(0));
        Assert.Equal("check invariant bad: boom", Assert.Single(result.Errors));
        Assert.Equal("good:n1", Assert.Single(result.Violations).Key);
        Assert.Equal(["good"], result.Evaluated);
    }

    [Fact]
    public void Config_overrides_grace_severity_enablement_and_parameters()
    {
        var config = InvariantConfig.Parse("""
            { "invariants": {
                "x": { "grace": "0s", "severity": "critical", "limit": 5 },
                "y": { "enabled": false } } }
            """, "test.json");
        var x = new Scripted("x", TimeSpan.FromSeconds(10)) { Script = _ => [F("n1")] };
        var y = new Scripted("y", TimeSpan.Zero) { Script = _ => [F("n1")] };
        var engine = new InvariantEngine([x, y], config);
        Assert.Equal(5, engine.SettingsFor(x).Parameter("limit", 0));
        var v = Assert.Single(engine.Evaluate(At(0)).Violations);
        Assert.Equal(Severity.Critical, v.Severity);
        Assert.Equal("x", v.Invariant);
        Assert.Equal(1, engine.EnabledCount);
    }

    [Theory]
    [InlineData("""{ "invariants": { "nope": {} } }""", "unknown invariant 'nope'")]
    [InlineData("""{ "invariants": { "x": { "limt": 3 } } }""", "unknown setting 'limt' for invariant x")]
    [InlineData("""{ "invariants": { "x": { "grace": "soon" } } }""", "grace must be a duration")]
    [InlineData("""{ "invariants": { "x": { "severity": "huge" } } }""", "must be info, warning or critical")]
    [InlineData("""{ "invariants": [1, 2] }""", "must be an object")]
    [InlineData("""{ not json""", "is not valid JSON")]
    public void Bad_config_is_a_one_line_error_naming_the_problem(string json, string expected)
    {
        var x = new Scripted("x", TimeSpan.Zero);
        var ex = Assert.Throws<OperatorException>(() => new InvariantEngine([x], InvariantConfig.Parse(json, "config.json")));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("config.json", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Histogram_quantile_interpolates_like_promql()
    {
        // 100 observations: 50 under 0.1, 40 in (0.1, 0.2], 10 in (0.2, 0.4]
        var h = new HistogramSnapshot([(0.1, 50), (0.2, 90), (0.4, 100), (double.PositiveInfinity, 100)], 100, 12);
        Assert.Equal(0.1, h.QuantileSince(null, 0.5)!.Value, 6);
        Assert.Equal(0.2 + (0.2 * (99.0 - 90) / 10), h.QuantileSince(null, 0.99)!.Value, 6);
        var earlier = new HistogramSnapshot([(0.1, 50), (0.2, 90), (0.4, 90), (double.PositiveInfinity, 90)], 90, 10);
        Assert.Equal(0.2 + (0.2 * 0.99), h.QuantileSince(earlier, 0.99)!.Value, 6); // only the last 10, all in (0.2, 0.4]
        Assert.Null(earlier.QuantileSince(h, 0.99)); // counter reset
    }
}
