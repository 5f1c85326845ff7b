using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>
/// Every TiKV store serves: its status server answers, and PD does not call it Disconnected, Down or Offline. A refused
/// connection (nothing listens: the process is gone) counts at once — PD itself takes 20 s to say Disconnected; a probe
/// that times out must persist for <c>unresponsive_seconds</c>, so one slow answer on a busy host opens nothing.
/// </summary>
public sealed class StoreDownInvariant : IInvariant
{
    private static readonly HashSet<string> AbnormalPdStates = new(StringComparer.OrdinalIgnoreCase) { "Disconnected", "Down", "Offline" };
    private readonly UnresponsivePatience _patience = new();

    public string Name => "store_down";

    public string Description => "every TiKV store answers on its status port and PD does not call it Disconnected, Down or Offline";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Critical, new Dictionary<string, double>
    {
        [UnresponsivePatience.Parameter] = UnresponsivePatience.DefaultSeconds,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var stores = TikvSnapshots.Stores(observation).ToList();
        if (stores.Count == 0)
        {
            return null; // PD could not list the stores: nothing to judge this cycle
        }

        var patience = TimeSpan.FromSeconds(settings.Parameter(UnresponsivePatience.Parameter, UnresponsivePatience.DefaultSeconds));
        var serving = stores.Count(s => s.IsUp && !AbnormalPdStates.Contains(s.Fact(TikvReadings.PdStateName) ?? string.Empty));
        var findings = new List<Finding>();
        foreach (var store in stores)
        {
            var pdState = store.Fact(TikvReadings.PdStateName);
            var pdSaysDown = pdState is not null && AbnormalPdStates.Contains(pdState);
            var probeDown = _patience.IsDown(store, observation.At, patience);
            if (!probeDown && !pdSaysDown)
            {
                continue;
            }

            var why = new List<string>();
            if (store.State != NodeState.Up)
            {
                why.Add(store.Error ?? $"its status server is {store.State.ToWire()}");
            }

            why.Add(PdView(store, pdState));
            findings.Add(new Finding(
                store.Name,
                store.Name,
                string.Create(CultureInfo.InvariantCulture, $"{store.Name} ({store.Fact(TikvReadings.Address) ?? store.Address}) is down: {string.Join("; ", why)}; {serving} of {stores.Count} stores serving"),
                TikvSnapshots.Node(observation, store)));
        }

        return findings;
    }

    private static string PdView(NodeObservation store, string? pdState)
    {
        var age = store.Metric(TikvReadings.HeartbeatAgeSeconds) is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $", last heartbeat {seconds:0} s ago")
            : string.Empty;
        return pdState is null ? "PD's view unknown" : $"PD says {pdState}{age}";
    }
}
