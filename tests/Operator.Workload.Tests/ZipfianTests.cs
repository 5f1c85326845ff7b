namespace Operator.Workload.Tests;

public sealed class ZipfianTests
{
    private const int Draws = 200_000;

    [Fact]
    public void Rank_frequencies_follow_the_zipf_law()
    {
        var zipf = new ZipfianGenerator(1000);
        var counts = Count(1000, Draws, r => zipf.Next(r));

        // P(rank r) = 1 / ((r+1)^θ · ζ(n, θ)): rank 0 exactly, the tail through Gray's approximation.
        var zeta = ZipfianGenerator.Zeta(1000, 0.99);
        Assert.InRange(counts[0] / (double)Draws, 0.95 / zeta, 1.05 / zeta);
        Assert.InRange(counts[1] / (double)counts[0], 0.9 * Math.Pow(0.5, 0.99), 1.1 * Math.Pow(0.5, 0.99));
        var top10 = counts.Take(10).Sum() / (double)Draws;
        var expectedTop10 = Enumerable.Range(1, 10).Sum(i => 1 / Math.Pow(i, 0.99)) / zeta;
        Assert.InRange(top10, 0.9 * expectedTop10, 1.1 * expectedTop10);
    }

    [Fact]
    public void Most_popular_record_is_drawn_far_more_often_than_the_median_one()
    {
        var keys = new ScrambledZipfianGenerator(1000);
        var counts = Count(1000, Draws, r => keys.Next(r));
        var sorted = counts.OrderByDescending(c => c).ToArray();

        Assert.True(sorted[0] > 20 * sorted[500], $"top {sorted[0]} vs median {sorted[500]}");
        // The hottest record takes about 1/ζ(10^10, 0.99) ≈ 3.8 % of the draws.
        Assert.InRange(sorted[0] / (double)Draws, 0.03, 0.06);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(123_457)]
    public void Every_draw_is_in_range(int items)
    {
        var zipf = new ZipfianGenerator(Math.Min(items, 5000));
        var scrambled = new ScrambledZipfianGenerator(items);
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            Assert.InRange(zipf.Next(random), 0, Math.Min(items, 5000) - 1);
            Assert.InRange(scrambled.Next(random), 0, items - 1);
        }

        // The extremes of the uniform draw too.
        Assert.Equal(0, zipf.Next(0.0));
        Assert.InRange(zipf.Next(0.9999999999), 0, Math.Min(items, 5000) - 1);
    }

    [Fact]
    public void Scrambling_spreads_the_hot_records_over_the_key_space()
    {
        const int Items = 1000;
        var plain = new ZipfianGenerator(Items);
        var scrambled = new ScrambledZipfianGenerator(Items);
        var plainTop = Top(Count(Items, Draws, r => plain.Next(r)), 10);
        var scrambledTop = Top(Count(Items, Draws, r => scrambled.Next(r)), 10);

        Assert.Equal(Enumerable.Range(0, 10), plainTop.Order());
        Assert.True(scrambledTop.Count(i => i >= Items / 10) >= 5, $"hot records {string.Join(",", scrambledTop)} cluster at the start");
        Assert.True(scrambledTop.Max() - scrambledTop.Min() > Items / 2, $"hot records {string.Join(",", scrambledTop)} are not spread");
    }

    [Theory]
    [InlineData(0L, 12161962213042174405UL)]
    [InlineData(1L, 9929646806074584996UL)]
    [InlineData(42L, 18391255480883862255UL)]
    [InlineData(9_999_999_999L, 3605131173811637474UL)]
    public void Fnv1a_hashes_the_eight_bytes_least_significant_first(long value, ulong expected) =>
        Assert.Equal(expected, ScrambledZipfianGenerator.Fnv1a64(value));

    [Fact]
    public void Published_zeta_of_the_item_space_matches_an_euler_maclaurin_estimate()
    {
        // ζ(n) = Σ_{i<m} f(i) + ∫_m^n f + (f(m)+f(n))/2 + (f'(n)−f'(m))/12, f(x) = x^−θ; the error is far below 1e-9 at m = 10^5.
        const double Theta = ZipfianGenerator.DefaultTheta;
        const long M = 100_000;
        double n = ScrambledZipfianGenerator.ItemSpace;
        double F(double x) => Math.Pow(x, -Theta);
        double Df(double x) => -Theta * Math.Pow(x, -Theta - 1);
        var head = ZipfianGenerator.Zeta(M - 1, Theta);
        var integral = (Math.Pow(n, 1 - Theta) - Math.Pow(M, 1 - Theta)) / (1 - Theta);
        var estimate = head + integral + ((F(M) + F(n)) / 2) + ((Df(n) - Df(M)) / 12);

        Assert.Equal(ScrambledZipfianGenerator.ItemSpaceZeta, estimate, 1e-6);
    }

    [Fact]
    public void Key_chooser_names_records_with_equal_width_numbers()
    {
        var keys = new KeySpace(1000);
        Assert.Equal("/operator-load/user000123", keys.Key(123));
        Assert.Equal("/operator-load/user0001234", new KeySpace(2_000_000).Key(1234));
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Key(1000));

        var chooser = new KeyChooser(keys);
        var random = new Random(3);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => chooser.NextKey(random)), k => Assert.Matches("^/operator-load/user\\d{6}$", k));
    }

    private static int[] Count(int items, int draws, Func<Random, long> next)
    {
        var random = new Random(12345);
        var counts = new int[items];
        for (var i = 0; i < draws; i++)
        {
            counts[next(random)]++;
        }

        return counts;
    }

    private static int[] Top(int[] counts, int n) =>
        [.. counts.Select((c, i) => (c, i)).OrderByDescending(x => x.c).Take(n).Select(x => x.i)];
}
