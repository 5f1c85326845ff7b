using Operator.FakeTikv.Http;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Pd;

/// <summary><c>/members</c> (pdpb.GetMembersResponse) and <c>/leader</c>, answered by the leader.</summary>
internal sealed class PdMemberEndpoints(FakeClusterState state)
{
    public HttpReply? TryHandle(string route)
    {
        if (route is not ("/members" or "/leader"))
        {
            return null;
        }

        if (state.Membership.Leader is not { } leader)
        {
            return PdErrors.NoLeader();
        }

        return route switch
        {
            "/members" => new FixedReply(200, PdJson.ContentType, PdJson.Indented(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("header");
                w.WriteNumber("cluster_id", state.ClusterId);
                w.WriteEndObject();
                w.WriteStartArray("members");
                foreach (var member in state.Membership.Members)
                {
                    MemberJson.Write(w, member);
                }

                w.WriteEndArray();
                w.WritePropertyName("leader");
                MemberJson.Write(w, leader);
                w.WritePropertyName("etcd_leader");
                MemberJson.Write(w, leader);
                w.WriteEndObject();
            })),
            "/leader" => new FixedReply(200, PdJson.ContentType, PdJson.Indented(w => MemberJson.Write(w, leader))),
            _ => null,
        };
    }
}
