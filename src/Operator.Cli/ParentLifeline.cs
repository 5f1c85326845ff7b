namespace Operator.Cli;

/// <summary>
/// Lets a child of the dashboard or demo exit when its parent dies, even by SIGKILL: the parent keeps the child's
/// stdin open and sets <see cref="EnvironmentVariable"/>; end-of-file on stdin then cancels the command like SIGTERM
/// would, and a child that has not finished shortly after is ended outright.
/// </summary>
internal static class ParentLifeline
{
    public const string EnvironmentVariable = "OPERATOR_PARENT_LIFELINE";
    public const string StdinValue = "stdin";

    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(10);

    /// <summary>A token cancelled when the parent goes away; <see cref="CancellationToken.None"/> when not asked for.</summary>
    public static CancellationToken Watch()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) != StdinValue)
        {
            return CancellationToken.None;
        }

        var gone = new CancellationTokenSource();
        var thread = new Thread(() => WaitForEndOfInput(gone)) { IsBackground = true, Name = "parent lifeline" };
        thread.Start();
        return gone.Token;
    }

    private static void WaitForEndOfInput(CancellationTokenSource gone)
    {
        try
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
                // The parent writes nothing; anything that arrives is ignored.
            }
        }
        catch (IOException)
        {
            // A broken pipe means the same as end-of-file.
        }

        gone.Cancel();
        Thread.Sleep(ExitDeadline);
        Environment.Exit(Run.Interrupted);
    }
}
