using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>A region replica. A region without a leader has <c>"leader": {"role_name": ""}</c>: no id, no store id.</summary>
public sealed record PdPeer
{
    public static readonly PdPeer None = new();

    [JsonPropertyName("id")]
    public ulong Id { get; init; }

    /// <summary>0 when absent (the "no leader" peer).</summary>
    [JsonPropertyName("store_id")]
    public ulong StoreId { get; init; }

    /// <summary><c>Voter</c>, <c>Learner</c>, <c>IncomingVoter</c>, <c>DemotingVoter</c>; empty for the "no leader" peer.</summary>
    [JsonPropertyName("role_name")]
    public string RoleName { get; init => field = value ?? ""; } = "";

    /// <summary><c>metapb.PeerRole</c>: 0 Voter (omitted), 1 Learner, 2 IncomingVoter, 3 DemotingVoter.</summary>
    [JsonPropertyName("role")]
    public int Role { get; init; }

    [JsonPropertyName("is_learner")]
    public bool IsLearner { get; init; }

    [JsonPropertyName("is_witness")]
    public bool IsWitness { get; init; }
}
