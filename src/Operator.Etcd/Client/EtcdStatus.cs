using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>Answer of <c>POST /v3/maintenance/status</c> (member-local, works without quorum). Missing fields are zero/empty.</summary>
public sealed record EtcdStatus
{
    [JsonPropertyName("header")]
    public EtcdResponseHeader Header { get; init => field = value ?? EtcdResponseHeader.Empty; } = EtcdResponseHeader.Empty;

    [JsonPropertyName("version")]
    public string Version { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("dbSize")]
    public long DbSize { get; init; }

    [JsonPropertyName("dbSizeInUse")]
    public long DbSizeInUse { get; init; }

    /// <summary>Member id of the leader this member knows; 0 when it knows none.</summary>
    [JsonPropertyName("leader")]
    public ulong Leader { get; init; }

    [JsonPropertyName("raftIndex")]
    public long RaftIndex { get; init; }

    [JsonPropertyName("raftTerm")]
    public long RaftTerm { get; init; }

    [JsonPropertyName("raftAppliedIndex")]
    public long RaftAppliedIndex { get; init; }

    /// <summary>e.g. <c>etcdserver: no leader</c>, <c>memberID:169… alarm:NOSPACE </c>.</summary>
    [JsonPropertyName("errors")]
    public IReadOnlyList<string> Errors { get; init => field = value ?? []; } = [];

    [JsonPropertyName("isLearner")]
    public bool IsLearner { get; init; }

    [JsonIgnore]
    public bool HasLeader => Leader != 0;

    /// <summary>True when this member reports itself as the leader.</summary>
    [JsonIgnore]
    public bool IsLeader => Leader != 0 && Leader == Header.MemberId;
}
