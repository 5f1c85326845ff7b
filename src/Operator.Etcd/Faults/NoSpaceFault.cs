using System.Globalization;
using Operator.Core;
using Operator.Core.Faults;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Local;

namespace Operator.Etcd.Faults;

/// <summary>
/// Fills a cluster started with a small <c>--quota-backend-bytes</c> until etcd raises NOSPACE and refuses writes.
/// Reverted the way the runbook says: delete the data, compact, defragment every member, then disarm every alarm.
/// </summary>
internal sealed class NoSpaceFault : IFault
{
    /// <summary>The largest quota this fault fills (a bigger one would take too long and too much disk).</summary>
    public const long MaxQuotaBytes = 256L * 1024 * 1024;

    private const string Prefix = "/operator-chaos/nospace/";
    private const int ValueBytes = 1024 * 1024;

    private readonly EtcdFaultTargets _targets;
    private readonly TimeProvider _time;

    public NoSpaceFault(EtcdFaultTargets targets, TimeProvider time)
    {
        _targets = targets;
        _time = time;
    }

    public string Name => "nospace";

    public string Description => "fill the keyspace until etcd raises the NOSPACE alarm (needs `cluster up --quota-backend-bytes`, at most 256MiB); revert deletes, compacts, defragments and disarms";

    public string Cause => EtcdCauses.DiskFull;

    public string Invariant => "alarm_active";

    public string? DefaultTarget => null;

    public Task<FaultPlan> PlanAsync(string? target, CancellationToken cancellationToken)
    {
        var quota = Quota(_targets.Cluster.Spec());
        if (quota is not { } q || q > MaxQuotaBytes)
        {
            throw new OperatorException(
                $"nospace needs a cluster with a small backend quota (at most {MaxQuotaBytes / (1024 * 1024)}MiB; this one has {(quota is { } b ? $"{b} bytes" : "etcd's default of 2GiB")}); recreate it with `operator cluster down --purge` and `operator cluster up --quota-backend-bytes 16MiB`");
        }

        var data = new Dictionary<string, string>
        {
            ["prefix"] = Prefix,
            ["quota_bytes"] = q.ToString(CultureInfo.InvariantCulture),
        };
        return Task.FromResult(new FaultPlan(Name, null, [], data));
    }

    /// <summary>
    /// Puts 1 MiB values in waves of a quota's worth at once until one is refused for space; that refusal is the moment
    /// returned. One concurrent wave is proposed and applied as a batch, so the db goes from nearly empty to over the
    /// quota within one apply (as when a bulk load runs a cluster out of space) rather than lingering just under it.
    /// </summary>
    public async Task<DateTimeOffset> InjectAsync(FaultPlan plan, CancellationToken cancellationToken)
    {
        var quota = long.Parse(plan.Data["quota_bytes"], CultureInfo.InvariantCulture);
        var url = RunningUrls().FirstOrDefault() ?? throw new OperatorException("nospace: no member is running; start the cluster with `operator cluster up`");
        var value = new string('x', ValueBytes);
        var perWave = (int)(quota / ValueBytes) + 2;
        var waves = 10;
        using var etcd = new EtcdMaintenance();
        for (var wave = 0; wave < waves; wave++)
        {
            var puts = Enumerable.Range(wave * perWave, perWave)
                .Select(i => etcd.PutAsync(url, plan.Data["prefix"] + i.ToString("D6", CultureInfo.InvariantCulture), value, cancellationToken));
            if ((await Task.WhenAll(puts).ConfigureAwait(false)).Contains(false))
            {
                return _time.GetUtcNow();
            }
        }

        throw new OperatorException($"nospace: {waves * perWave} puts of {ValueBytes / 1024} KiB did not fill a quota of {quota} bytes; check the members' --quota-backend-bytes");
    }

    public async Task RevertAsync(FaultPlan plan, CancellationToken cancellationToken)
    {
        var urls = RunningUrls();
        if (urls.Count == 0)
        {
            throw new OperatorException("revert nospace: no member is running; start them with `operator cluster up`, then `operator chaos revert --all`");
        }

        using var etcd = new EtcdMaintenance();
        var revision = await etcd.DeletePrefixAsync(urls[0], plan.Data["prefix"], cancellationToken).ConfigureAwait(false);
        await etcd.CompactAsync(urls[0], revision, cancellationToken).ConfigureAwait(false);
        foreach (var url in urls)
        {
            await etcd.DefragmentAsync(url, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (member, alarm) in await etcd.AlarmsAsync(urls[0], cancellationToken).ConfigureAwait(false))
        {
            await etcd.DisarmAsync(urls[0], member, alarm, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The <c>--quota-backend-bytes</c> the members were started with, if any.</summary>
    internal static long? Quota(LocalClusterSpec spec)
    {
        var arguments = spec.Nodes[0].Arguments;
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == "--quota-backend-bytes" && long.TryParse(arguments[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0)
            {
                return bytes;
            }
        }

        return null;
    }

    private List<Uri> RunningUrls() => _targets.Cluster.Nodes().Where(n => n.IsRunning).Select(n => n.ClientUrl).ToList();
}
