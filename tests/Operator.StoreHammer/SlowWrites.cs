using System.Diagnostics;

/// <summary>Times each store call and reports slow ones on stderr, so a stalled cross-process run explains itself.</summary>
internal static class SlowWrites
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(250);

    public static async Task<T> TimeAsync<T>(string what, Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        var result = await call();
        if (watch.Elapsed > Threshold)
        {
            Console.Error.WriteLine($"slow: {what} took {watch.ElapsedMilliseconds} ms");
        }

        return result;
    }
}
