using Operator.Core.Diagnosis;

namespace Operator.Core.Diagnosis.Rules;

/// <summary>Accumulates weighted facts for and against a hypothesis; the score is their balance, clamped to 0–1.</summary>
public sealed class ScoreSheet
{
    private readonly List<Evidence> _supporting = [];
    private readonly List<string> _contradicting = [];
    private double _score;

    /// <summary>A fact for the hypothesis, adding <paramref name="weight"/>.</summary>
    public ScoreSheet For(double weight, string source, string detail, DateTimeOffset? at = null)
    {
        _score += weight;
        _supporting.Add(new Evidence(source, detail, at));
        return this;
    }

    /// <summary>A fact against the hypothesis, subtracting <paramref name="weight"/> (0 only records it).</summary>
    public ScoreSheet Against(double weight, string detail)
    {
        _score -= weight;
        _contradicting.Add(detail);
        return this;
    }

    public HypothesisScore Build() => new(Math.Round(Math.Clamp(_score, 0, 1), 3), _supporting, _contradicting);
}
