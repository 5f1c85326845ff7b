namespace Operator.Eval.Scoring;

/// <summary>A proportion with its Wilson 95 % interval.</summary>
/// <param name="Successes">Trials where it held.</param>
/// <param name="Trials">Trials counted.</param>
/// <param name="Low">Lower bound of the 95 % interval.</param>
/// <param name="High">Upper bound of the 95 % interval.</param>
public sealed record Rate(int Successes, int Trials, double Low, double High)
{
    /// <summary>Successes / trials; null when there were none.</summary>
    public double? Value => Trials == 0 ? null : (double)Successes / Trials;

    /// <summary>The rate of <paramref name="successes"/> in <paramref name="trials"/>.</summary>
    public static Rate Of(int successes, int trials)
    {
        var (low, high) = WilsonInterval.Of(successes, trials);
        return new Rate(successes, trials, low, high);
    }
}
