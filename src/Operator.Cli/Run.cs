using Operator.Core;

namespace Operator.Cli;

/// <summary>Wraps command actions so every failure a user can meet ends as one line on stderr and a non-zero exit.</summary>
internal static class Run
{
    public const int UserError = 1;
    public const int Interrupted = 130;
    public const int InternalError = 70;

    public static async Task<int> Guarded(Func<Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (OperatorException ex)
        {
            await Console.Error.WriteLineAsync($"operator: {OneLine(ex.Message)}").ConfigureAwait(false);
            return UserError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(
                $"operator: unexpected {ex.GetType().Name}: {OneLine(ex.Message)} (please report this with the command you ran)").ConfigureAwait(false);
            return InternalError;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
