using Operator.FakeTikv.Http;
using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv.Pd;

/// <summary>One fake PD member: a name (<c>pd0</c>…), a member id above 2^53, and its own client port serving <c>/pd/api/v1</c>.</summary>
public sealed class FakePdMember
{
    private readonly LoopbackHttpServer _server;
    private readonly PdMembership _membership;

    internal FakePdMember(string name, int index, ulong memberId, string peerUrl, LoopbackHttpServer server, PdMembership membership, DateTimeOffset startedAt)
    {
        Name = name;
        Index = index;
        MemberId = memberId;
        PeerUrl = peerUrl;
        _server = server;
        _membership = membership;
        StartedAt = startedAt;
    }

    public string Name { get; }

    public int Index { get; }

    public ulong MemberId { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>: what clients pass as <c>--pd</c>.</summary>
    public string ClientUrl => $"http://127.0.0.1:{_server.Port}";

    /// <summary>The advertised peer URL (nobody listens there; PD members talk etcd among themselves).</summary>
    public string PeerUrl { get; }

    public int Port => _server.Port;

    public DateTimeOffset StartedAt { get; internal set; }

    public ProcessState Process => _server.State switch
    {
        ServerState.Listening => ProcessState.Running,
        ServerState.Hung => ProcessState.Hung,
        _ => ProcessState.Killed,
    };

    public bool IsLeader => ReferenceEquals(_membership.Leader, this);

    /// <summary>Closes the member's port; if it led, the survivors elect a new leader when they are a majority.</summary>
    public void Kill() => _membership.Kill(this);

    /// <summary>The member accepts but never answers; it loses leadership like a killed one.</summary>
    public void Hang() => _membership.Hang(this);

    /// <summary>Listens again on the same port; a leaderless majority elects a leader (unless the leader was removed).</summary>
    public void Restart() => _membership.Restart(this);

    internal LoopbackHttpServer Server => _server;
}
