namespace Operator.Cli;

/// <summary>Composition root: builds the command tree and runs it.</summary>
internal static class App
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(0);
    }
}
