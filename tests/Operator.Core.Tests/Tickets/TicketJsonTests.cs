using System.Text.Json;
using System.Text.RegularExpressions;
using Operator.Core.Invariants;
using Operator.Core.Tickets;
using static Operator.Core.Tests.Tickets.TicketSamples;

namespace Operator.Core.Tests.Tickets;

public sealed partial class TicketJsonTests
{
    private static readonly string[] ContractFields =
    [
        "id", "subject", "invariant", "target", "node", "status", "severity", "message", "firstSeenAt", "lastSeenAt",
        "resolvedAt", "occurrences", "held", "flapping", "snapshot", "diagnosis",
    ];

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex WireTime();

    private static Ticket Sample() => new(
        Id: 12,
        Subject: "etcd",
        Invariant: "no_leader",
        Target: "cluster",
        Node: null,
        Status: TicketStatus.Diagnosed,
        Severity: Severity.Critical,
        Message: "no member reports a leader",
        FirstSeenAt: new DateTimeOffset(2026, 11, 24, 11, 31, 7, 412, TimeSpan.FromHours(1)),
        LastSeenAt: At(5),
        ResolvedAt: null,
        Occurrences: 5,
        Held: true,
        Flapping: false,
        Snapshot: """{"members":3}""",
        Diagnosis: """{"primary":"quorum lost"}""",
        ClearedAt: null);

    [Fact]
    public void Ticket_json_has_exactly_the_contract_fields_with_wire_values()
    {
        using var json = JsonDocument.Parse(TicketJson.ToJson(Sample()));
        var root = json.RootElement;

        Assert.Equal(ContractFields, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(12, root.GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("node").ValueKind);
        Assert.Equal("diagnosed", root.GetProperty("status").GetString());
        Assert.Equal("critical", root.GetProperty("severity").GetString());
        Assert.Equal("2026-11-24T10:31:07.412Z", root.GetProperty("firstSeenAt").GetString());
        Assert.Matches(WireTime(), root.GetProperty("lastSeenAt").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(5, root.GetProperty("occurrences").GetInt64());
        Assert.True(root.GetProperty("held").GetBoolean());
        Assert.False(root.GetProperty("flapping").GetBoolean());
        Assert.Equal(3, root.GetProperty("snapshot").GetProperty("members").GetInt32());
        Assert.Equal("quorum lost", root.GetProperty("diagnosis").GetProperty("primary").GetString());
    }

    [Fact]
    public void Resolved_ticket_without_diagnosis_has_resolved_time_and_null_diagnosis()
    {
        var ticket = Sample() with { Status = TicketStatus.Resolved, ResolvedAt = At(9), Diagnosis = null, Node = "n1" };

        using var json = JsonDocument.Parse(TicketJson.ToJson(ticket, indented: true));

        Assert.Equal("2026-03-01T12:00:09.000Z", json.RootElement.GetProperty("resolvedAt").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("diagnosis").ValueKind);
        Assert.Equal("n1", json.RootElement.GetProperty("node").GetString());
    }

    [Fact]
    public void Show_json_adds_events_with_at_kind_and_detail()
    {
        TicketEvent[] events = [new(At(0), TicketEventKinds.Opened, "no leader"), new(At(3), TicketEventKinds.Held, "held")];

        using var json = JsonDocument.Parse(TicketJson.ToJson(Sample(), events));

        Assert.Equal([.. ContractFields, "events"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var second = json.RootElement.GetProperty("events")[1];
        Assert.Equal(["at", "kind", "detail"], second.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-03-01T12:00:03.000Z", second.GetProperty("at").GetString());
        Assert.Equal("held", second.GetProperty("kind").GetString());
    }

    [Fact]
    public void List_json_is_an_array_of_ticket_objects()
    {
        using var json = JsonDocument.Parse(TicketJson.ToJson([Sample(), Sample() with { Id = 13 }]));

        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal([12L, 13L], json.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
    }

    [Fact]
    public void Snapshot_serialises_numbers_strings_booleans_nulls_arrays_and_nested_objects()
    {
        var snapshot = new Dictionary<string, object?>
        {
            ["ratio"] = 0.85,
            ["count"] = 3L,
            ["small"] = 2,
            ["leader"] = "n1",
            ["healthy"] = false,
            ["error"] = null,
            ["peers"] = new[] { "n2", "n3" },
            ["node"] = new Dictionary<string, object?> { ["dbSize"] = 1024L, ["alarms"] = new List<string>() },
            ["rate"] = double.NaN,
            ["at"] = At(1),
        };

        var json = TicketJson.SnapshotToJson(snapshot);

        Assert.Equal(
            """{"ratio":0.85,"count":3,"small":2,"leader":"n1","healthy":false,"error":null,"peers":["n2","n3"],"node":{"dbSize":1024,"alarms":[]},"rate":"NaN","at":"2026-03-01T12:00:01.000Z"}""",
            json);
    }
}
