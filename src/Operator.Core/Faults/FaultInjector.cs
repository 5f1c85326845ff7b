using System.Globalization;
using Operator.Core.Time;

namespace Operator.Core.Faults;

/// <summary>
/// Injects and reverts faults with a guaranteed way back: each injection is registered in the dead-man record before
/// it acts and removed only once its revert succeeded. A failed injection is reverted at once.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>How long a revert may take once the caller's token is cancelled (Ctrl+C must still undo the fault).</summary>
    public static readonly TimeSpan RevertTimeout = TimeSpan.FromSeconds(60);

    private readonly FaultCatalogue _catalogue;
    private readonly ActiveFaultStore _store;
    private readonly TimeProvider _time;

    public FaultInjector(FaultCatalogue catalogue, ActiveFaultStore store, TimeProvider? time = null)
    {
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    public FaultCatalogue Catalogue => _catalogue;

    /// <summary>The dead-man record.</summary>
    public ActiveFaultStore Store => _store;

    /// <summary>Plans, registers, then acts; returns the registered entry with the moment the fault took effect.</summary>
    /// <param name="faultName">A catalogue name.</param>
    /// <param name="target">A node or role keyword; null for the fault's default.</param>
    /// <param name="duration">When set, recorded as the entry's expiry (the caller reverts when it passes).</param>
    /// <param name="cancellationToken">Cancels planning and acting; a half-done injection is still reverted.</param>
    public async Task<ActiveFault> InjectAsync(string faultName, string? target, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var fault = _catalogue.Find(faultName);
        if (target is not null && fault.DefaultTarget is null)
        {
            throw new OperatorException($"{fault.Name} takes no --target: {fault.Description}");
        }

        var plan = await fault.PlanAsync(target, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var entry = new ActiveFault(
            Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6)),
            plan,
            fault.Cause,
            fault.Invariant,
            Timestamps.ToWire(now),
            null,
            duration is { } d ? Timestamps.ToWire(now + d) : null,
            Environment.ProcessId);
        await _store.PutAsync(entry, cancellationToken).ConfigureAwait(false);

        DateTimeOffset at;
        try
        {
            at = await fault.InjectAsync(plan, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await RevertQuietlyAsync(fault, entry).ConfigureAwait(false);
            throw;
        }

        entry = entry with
        {
            InjectedAt = Timestamps.ToWire(at),
            ExpiresAt = duration is { } d2 ? Timestamps.ToWire(at + d2) : null,
        };
        await _store.PutAsync(entry, CancellationToken.None).ConfigureAwait(false);
        return entry;
    }

    /// <summary>Reverts one recorded injection and removes it from the record.</summary>
    /// <exception cref="OperatorException">The revert failed; the entry stays so it can be retried.</exception>
    public async Task RevertAsync(ActiveFault entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var fault = _catalogue.Find(entry.Plan.Fault);
        using var timeout = new CancellationTokenSource(RevertTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await fault.RevertAsync(entry.Plan, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OperatorException(
                $"revert {Describe(entry)}: not done within {RevertTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s; it is still recorded, retry with `operator chaos revert --all`");
        }

        await _store.RemoveAsync(entry.Id, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Reverts every recorded injection, newest first; returns what was reverted and what failed.</summary>
    public async Task<IReadOnlyList<(ActiveFault Fault, string? Error)>> RevertAllAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<(ActiveFault, string?)>();
        foreach (var entry in _store.List().Reverse())
        {
            try
            {
                await RevertAsync(entry, cancellationToken).ConfigureAwait(false);
                outcomes.Add((entry, null));
            }
            catch (OperatorException e)
            {
                outcomes.Add((entry, e.Message));
            }
        }

        return outcomes;
    }

    /// <summary>"pause on n2" / "quorum-loss on n1, n3" / "nospace".</summary>
    public static string Describe(ActiveFault entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Plan.Nodes.Count == 0 ? entry.Plan.Fault : $"{entry.Plan.Fault} on {string.Join(", ", entry.Plan.Nodes)}";
    }

    private async Task RevertQuietlyAsync(IFault fault, ActiveFault entry)
    {
        try
        {
            using var timeout = new CancellationTokenSource(RevertTimeout, _time);
            await fault.RevertAsync(entry.Plan, timeout.Token).ConfigureAwait(false);
            await _store.RemoveAsync(entry.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperatorException or OperationCanceledException)
        {
            // The entry stays in the dead-man record; `chaos revert --all` retries it.
        }
    }
}
