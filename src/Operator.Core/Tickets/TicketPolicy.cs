namespace Operator.Core.Tickets;

/// <summary>Tunables of the ticket lifecycle.</summary>
/// <param name="FlapThreshold">
/// A violation whose key was opened or reopened this many times within <paramref name="FlapWindow"/> (counting the
/// current one) reopens its latest ticket as flapping instead of opening a new one.
/// </param>
/// <param name="FlapWindow">The flap counting window, and how long a flapping ticket must stay clear to resolve.</param>
public sealed record TicketPolicy(int FlapThreshold, TimeSpan FlapWindow)
{
    public static TicketPolicy Default { get; } = new(3, TimeSpan.FromMinutes(10));

    /// <summary>Throws when the values make no sense.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FlapThreshold, 1, nameof(FlapThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(FlapWindow, TimeSpan.Zero, nameof(FlapWindow));
    }
}
