namespace Operator.Etcd.Local;

/// <summary>The parts of <c>/v3/maintenance/status</c> the local deployment needs.</summary>
/// <param name="MemberId">This member's id (from the response header).</param>
/// <param name="LeaderId">The leader this member knows; null when it knows none.</param>
internal sealed record MemberStatus(ulong MemberId, ulong? LeaderId)
{
    public bool IsLeader => LeaderId == MemberId;
}
