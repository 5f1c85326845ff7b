namespace Operator.Workload;

/// <summary>
/// Zipf-distributed ranks in [0, items): rank r is drawn with probability proportional to 1/(r+1)^θ, so rank 0 is
/// the most popular. The constant-time method of Gray et al., "Quickly Generating Billion-Record Synthetic
/// Databases" (SIGMOD 1994), which YCSB uses: one uniform draw per value, no tables.
/// </summary>
public sealed class ZipfianGenerator
{
    /// <summary>YCSB's zipfian constant.</summary>
    public const double DefaultTheta = 0.99;

    private readonly double _alpha;
    private readonly double _eta;
    private readonly double _zetaN;
    private readonly double _secondThreshold;

    public ZipfianGenerator(long items, double theta = DefaultTheta)
        : this(items, theta, Zeta(items, theta))
    {
    }

    /// <summary>With ζ(items, θ) given, for item counts too large to sum at start-up.</summary>
    public ZipfianGenerator(long items, double theta, double zetaN)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        if (!(theta > 0 && theta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(theta), theta, "the zipfian constant must be in (0, 1)");
        }

        Items = items;
        Theta = theta;
        _zetaN = zetaN;
        _alpha = 1.0 / (1.0 - theta);
        var zeta2 = 1.0 + Math.Pow(0.5, theta);
        _eta = (1.0 - Math.Pow(2.0 / items, 1.0 - theta)) / (1.0 - (zeta2 / zetaN));
        _secondThreshold = 1.0 + Math.Pow(0.5, theta);
    }

    public long Items { get; }

    public double Theta { get; }

    /// <summary>ζ(n, θ) = Σ_{i=1..n} 1/i^θ, the normalising constant of the distribution.</summary>
    public static double Zeta(long n, double theta)
    {
        var sum = 0.0;
        for (long i = 1; i <= n; i++)
        {
            sum += 1.0 / Math.Pow(i, theta);
        }

        return sum;
    }

    public long Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Next(random.NextDouble());
    }

    /// <summary>The rank for one uniform draw <paramref name="u"/> in [0, 1).</summary>
    internal long Next(double u)
    {
        // Ranks 0 and 1 exactly, by their share of ζ; everything beyond through the closed-form approximation.
        var uz = u * _zetaN;
        if (uz < 1.0)
        {
            return 0;
        }

        if (uz < _secondThreshold)
        {
            return 1;
        }

        var rank = (long)(Items * Math.Pow((_eta * u) - _eta + 1.0, _alpha));
        return Math.Clamp(rank, 0, Items - 1);
    }
}
