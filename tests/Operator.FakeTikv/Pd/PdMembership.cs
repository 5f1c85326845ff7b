namespace Operator.FakeTikv.Pd;

/// <summary>
/// The PD members and who leads. A leader needs a running majority: killing or hanging members re-elects (the first
/// running member by name) or leaves PD without a leader. <see cref="RemoveLeader"/> takes leadership away outright
/// until <see cref="ElectLeader"/>, the way a stuck election or lost etcd lease looks to clients.
/// </summary>
public sealed class PdMembership
{
    private readonly object _gate = new();
    private readonly List<FakePdMember> _members = [];
    private readonly TimeProvider _time;
    private FakePdMember? _leader;
    private bool _leaderRemoved;

    internal PdMembership(TimeProvider time) => _time = time;

    public IReadOnlyList<FakePdMember> Members
    {
        get
        {
            lock (_gate)
            {
                return [.. _members];
            }
        }
    }

    /// <summary>The PD leader, or null while there is none.</summary>
    public FakePdMember? Leader
    {
        get
        {
            lock (_gate)
            {
                return _leader;
            }
        }
    }

    public FakePdMember this[string name] =>
        Members.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"no PD member named {name} (members: {string.Join(", ", Members.Select(m => m.Name))})");

    /// <summary>PD has no leader from now on: followers answer cluster requests with 503, until <see cref="ElectLeader"/>.</summary>
    public void RemoveLeader()
    {
        lock (_gate)
        {
            _leaderRemoved = true;
            _leader = null;
        }
    }

    /// <summary>Makes <paramref name="name"/> (or the first running member) the leader.</summary>
    /// <exception cref="InvalidOperationException">The member is not running, or no majority is running.</exception>
    public void ElectLeader(string? name = null)
    {
        lock (_gate)
        {
            var running = _members.Where(m => m.Process == Tikv.ProcessState.Running).ToList();
            if (running.Count * 2 <= _members.Count)
            {
                throw new InvalidOperationException($"only {running.Count} of {_members.Count} PD members are running: no majority to elect a leader");
            }

            var chosen = name is null ? running[0] : this[name];
            if (!running.Contains(chosen))
            {
                throw new InvalidOperationException($"{chosen.Name} is {chosen.Process.ToString().ToLowerInvariant()}, so it cannot lead");
            }

            _leaderRemoved = false;
            _leader = chosen;
        }
    }

    internal void Add(FakePdMember member)
    {
        lock (_gate)
        {
            _members.Add(member);
        }
    }

    internal void Kill(FakePdMember member)
    {
        lock (_gate)
        {
            member.Server.Stop();
            Reelect();
        }
    }

    internal void Hang(FakePdMember member)
    {
        lock (_gate)
        {
            member.Server.Hang();
            Reelect();
        }
    }

    internal void Restart(FakePdMember member)
    {
        lock (_gate)
        {
            member.Server.Restart();
            member.StartedAt = _time.GetUtcNow();
            Reelect();
        }
    }

    internal void Reelect()
    {
        lock (_gate)
        {
            var running = _members.Where(m => m.Process == Tikv.ProcessState.Running).ToList();
            if (_leaderRemoved || running.Count * 2 <= _members.Count)
            {
                _leader = null;
            }
            else if (_leader is null || !running.Contains(_leader))
            {
                _leader = running[0];
            }
        }
    }

    internal void SetInitialLeader(FakePdMember member)
    {
        lock (_gate)
        {
            _leader = member;
        }
    }
}
