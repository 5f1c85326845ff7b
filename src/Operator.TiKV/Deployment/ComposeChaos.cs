using System.Text.RegularExpressions;
using Operator.Core;
using Operator.Core.Observing;

namespace Operator.TiKV.Deployment;

/// <summary>
/// Chaos on the compose deployment: turns a target into one container and kills or starts it. A target is a compose
/// service (<c>tikv1</c>, <c>pd0</c>), a node name as the TiKV subject observes it (<c>pd0</c>, <c>store4</c>), or
/// <c>leader</c> (the PD leader), <c>follower</c> (a running PD member that is not the leader) or <c>random</c> (a
/// running store, the playground's classic fault). Store names and the keywords are resolved against a fresh
/// observation; a service name needs no answer from PD.
/// </summary>
public sealed partial class ComposeChaos
{
    public const string LeaderKeyword = "leader";
    public const string FollowerKeyword = "follower";
    public const string RandomKeyword = "random";

    // A cold process spends its first probes on JIT and connections, and a busy machine can stretch them past the
    // deadline: look again before saying no node fits.
    private const int Attempts = 3;

    private readonly ComposeDeployment _deployment;
    private readonly ISubject _subject;
    private readonly Random _random;

    /// <param name="deployment">The compose deployment whose containers are acted on.</param>
    /// <param name="subject">The TiKV subject, observed only when the target needs PD's view.</param>
    /// <param name="random">Picks among candidates for <c>follower</c> and <c>random</c>.</param>
    public ComposeChaos(ComposeDeployment deployment, ISubject subject, Random random)
    {
        _deployment = deployment ?? throw new ArgumentNullException(nameof(deployment));
        _subject = subject ?? throw new ArgumentNullException(nameof(subject));
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>SIGKILLs the target's container (<c>docker kill --signal KILL</c>).</summary>
    /// <exception cref="OperatorException">No node fits the target, or docker failed.</exception>
    public async Task<ComposeNodeAction> KillAsync(string target, CancellationToken cancellationToken)
    {
        var (node, stores) = await ResolveAsync(target, keywords: true, cancellationToken).ConfigureAwait(false);
        return await _deployment.KillAsync(node, stores, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a node's stopped container again (<c>docker compose start</c>): same volume, same flags.</summary>
    /// <exception cref="OperatorException">The node is unknown, or docker failed.</exception>
    public async Task<ComposeNodeAction> StartAsync(string node, CancellationToken cancellationToken)
    {
        var (name, stores) = await ResolveAsync(node, keywords: false, cancellationToken).ConfigureAwait(false);
        return await _deployment.StartAsync(name, stores, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The node a keyword stands for in <paramref name="observation"/>, or null when none fits right now; any other
    /// target is returned as given.
    /// </summary>
    public static string? TryPick(string target, Observation observation, Random random)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(random);
        var pd = observation.Nodes.Where(n => n.Role == TikvReadings.PdRole && n.IsUp).ToList();
        return target switch
        {
            LeaderKeyword => pd.FirstOrDefault(n => n.IsLeader)?.Name,
            FollowerKeyword => Pick(pd.Where(n => !n.IsLeader).ToList(), random),
            RandomKeyword => Pick(observation.Nodes.Where(n => n.Role == TikvReadings.TikvRole && n.IsUp).ToList(), random),
            _ => target,
        };
    }

    /// <summary>Store id → gRPC address of every store in the observation, as PD reported them.</summary>
    public static IReadOnlyDictionary<long, string> StoreAddresses(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var addresses = new Dictionary<long, string>();
        foreach (var node in observation.Nodes.Where(n => n.Role == TikvReadings.TikvRole))
        {
            if (node.Metric(TikvReadings.StoreId) is { } id && node.Fact(TikvReadings.Address) is { Length: > 0 } address)
            {
                addresses[(long)id] = address;
            }
        }

        return addresses;
    }

    private static bool IsKeyword(string target) => target is LeaderKeyword or FollowerKeyword or RandomKeyword;

    private async Task<(string Node, IReadOnlyDictionary<long, string> Stores)> ResolveAsync(string target, bool keywords, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var needsPd = (keywords && IsKeyword(target)) || StoreName().IsMatch(target);
        if (!needsPd)
        {
            return (target, new Dictionary<long, string>());
        }

        Observation? observation = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            observation = await _subject.ObserveAsync(cancellationToken).ConfigureAwait(false);
            var stores = StoreAddresses(observation);
            if (!IsKeyword(target) && stores.Count > 0)
            {
                return (target, stores);
            }

            if (IsKeyword(target) && TryPick(target, observation, _random) is { } picked)
            {
                return (picked, stores);
            }
        }

        throw NoFit(target, observation!);
    }

    private static OperatorException NoFit(string target, Observation observation)
    {
        var why = observation.Errors.Count > 0 ? $" ({observation.Errors[0]})" : string.Empty;
        var nodes = Describe(observation);
        return target switch
        {
            LeaderKeyword => new OperatorException(
                $"cannot pick the PD leader: no running PD member is leader right now{why}; name a node instead ({nodes})"),
            FollowerKeyword => new OperatorException(
                $"cannot pick a follower: no running PD member other than the leader{why}; name a node instead ({nodes})"),
            RandomKeyword => new OperatorException($"cannot pick a random store: no store is running{why}; name a node instead ({nodes})"),
            _ => new OperatorException(
                $"cannot map {target} to its container: PD listed no stores{why}; name the compose service instead ({string.Join(", ", ComposeTopology.TikvServices)})"),
        };
    }

    private static string Describe(Observation observation) =>
        observation.Nodes.Count == 0
            ? "no nodes observed"
            : string.Join(", ", observation.Nodes.Select(n => $"{n.Name} {(n.IsUp ? n.IsLeader ? "leader" : "up" : n.State.ToWire())}"));

    private static string? Pick(List<NodeObservation> choices, Random random) =>
        choices.Count == 0 ? null : choices[random.Next(choices.Count)].Name;

    [GeneratedRegex("^store[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex StoreName();
}
