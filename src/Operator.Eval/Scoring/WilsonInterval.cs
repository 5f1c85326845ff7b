namespace Operator.Eval.Scoring;

/// <summary>
/// The Wilson score interval for a proportion: unlike the normal approximation it stays inside [0, 1] and is honest
/// about small samples (9 of 10 is 0.596–0.982 at 95 %, not 0.9 ± 0.19).
/// </summary>
public static class WilsonInterval
{
    /// <summary>The two-sided 95 % normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/>; (0, 1) when there are no trials.</summary>
    public static (double Low, double High) Of(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return (0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = p + (z2 / (2 * n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Max(0, (centre - half) / denominator), Math.Min(1, (centre + half) / denominator));
    }
}
