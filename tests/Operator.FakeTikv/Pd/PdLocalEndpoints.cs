using Operator.FakeTikv.Http;
using Operator.FakeTikv.Tikv;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Pd;

/// <summary>What a PD member answers itself, leader or not (v8.5.5): <c>/health</c>, <c>/ping</c>, <c>/status</c>, <c>/version</c>.</summary>
internal sealed class PdLocalEndpoints(string member, FakeClusterState state)
{
    public HttpReply? TryHandle(string route) => route switch
    {
        "/ping" => new FixedReply(200, "", ReadOnlyMemory<byte>.Empty),
        "/health" => Health(),
        "/status" => Status(),
        "/version" => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("version", MemberJson.BinaryVersion);
            w.WriteString("build_time", "");
            w.WriteString("hash", "");
            w.WriteString("branch", "");
            w.WriteEndObject();
        }),
        _ => null,
    };

    // A member is healthy when its own /ping answers in time: a killed or hung one is listed with health false.
    private FixedReply Health() => Json(w =>
    {
        w.WriteStartArray();
        foreach (var m in state.Membership.Members)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteNumber("member_id", m.MemberId);
            w.WriteStartArray("client_urls");
            w.WriteStringValue(m.ClientUrl);
            w.WriteEndArray();
            w.WriteBoolean("health", m.Process == ProcessState.Running);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private FixedReply Status()
    {
        var self = state.Membership[member];
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("build_ts", "2025-12-18 07:21:43");
            w.WriteString("version", MemberJson.BinaryVersion);
            w.WriteString("git_hash", MemberJson.GitHash);
            w.WriteNumber("start_timestamp", GoTime.UnixSeconds(self.StartedAt));
            w.WriteEndObject();
        });
    }

    private static FixedReply Json(Action<System.Text.Json.Utf8JsonWriter> write) => new(200, PdJson.ContentType, PdJson.Indented(write));
}
