using System.Text.Json;

namespace Operator.FakeTikv.Pd;

/// <summary>A PD member as pdpb.Member in JSON (zero values omitted).</summary>
internal static class MemberJson
{
    public const string BinaryVersion = "v8.5.5";
    public const string GitHash = "a7f5d4c8b1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6";

    public static void Write(Utf8JsonWriter json, FakePdMember member)
    {
        json.WriteStartObject();
        json.WriteString("name", member.Name);
        json.WriteNumber("member_id", member.MemberId);
        json.WriteStartArray("peer_urls");
        json.WriteStringValue(member.PeerUrl);
        json.WriteEndArray();
        json.WriteStartArray("client_urls");
        json.WriteStringValue(member.ClientUrl);
        json.WriteEndArray();
        json.WriteString("deploy_path", "/");
        json.WriteString("binary_version", BinaryVersion);
        json.WriteString("git_hash", GitHash);
        json.WriteEndObject();
    }
}
