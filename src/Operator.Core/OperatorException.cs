namespace Operator.Core;

/// <summary>
/// A failure the user can act on. The message is one line that names what was being done, to what, what
/// happened and what to try; the CLI prints it as-is (no stack trace) and exits non-zero.
/// </summary>
public sealed class OperatorException : Exception
{
    public OperatorException(string message)
        : base(message)
    {
    }

    public OperatorException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public OperatorException()
    {
    }
}
