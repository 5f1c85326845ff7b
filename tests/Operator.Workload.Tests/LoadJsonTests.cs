namespace Operator.Workload.Tests;

public sealed class LoadJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 1, TimeSpan.Zero);

    [Fact]
    public void Interval_line_has_exactly_the_contract_fields()
    {
        var line = LoadJson.Serialize(new LoadInterval(At, 1, 1520, 1518.7, 760, 760, 0, new LatencyFigures(1.21, 4.87, 9.9, 12.3), null, 1.001));

        Assert.Equal(
            """{"type":"interval","at":"2026-11-29T10:00:01.000Z","second":1,"ops":1520,"opsPerSec":1518.7,"reads":760,"updates":760,"errors":0,"p50Ms":1.21,"p99Ms":4.87,"p999Ms":9.9,"maxMs":12.3,"lastError":null,"intervalSeconds":1.001}""",
            line);
    }

    [Fact]
    public void Start_and_summary_lines_carry_the_contract_fields()
    {
        var start = LoadJson.Serialize(new LoadStarted(At, "a", 16, 1000, null, ["http://127.0.0.1:23790", "http://127.0.0.1:23791"], 100, 30, 0.25));
        Assert.StartsWith(
            """{"type":"start","at":"2026-11-29T10:00:01.000Z","workload":"a","clients":16,"records":1000,"targetRate":null,"endpoints":["http://127.0.0.1:23790","http://127.0.0.1:23791"],""",
            start);

        var summary = LoadJson.Serialize(new LoadSummary(At, 30.0, 45000, 1500.0, 22500, 22500, 0, null, null));
        Assert.StartsWith(
            """{"type":"summary","at":"2026-11-29T10:00:01.000Z","durationSeconds":30,"ops":45000,"opsPerSec":1500,"reads":22500,"updates":22500,"errors":0,"p50Ms":null,"p99Ms":null,"p999Ms":null,"maxMs":null""",
            summary);
    }

    [Fact]
    public void Every_event_survives_a_round_trip()
    {
        var start = new LoadStarted(At, "b", 4, 500, 250.5, ["http://a:2379", "http://b:2379"], 64, null, 0.125);
        var parsedStart = Assert.IsType<LoadStarted>(LoadJson.Parse(LoadJson.Serialize(start)));
        Assert.Equal(start.Endpoints, parsedStart.Endpoints);
        Assert.Equal(start, parsedStart with { Endpoints = start.Endpoints });

        var interval = new LoadInterval(At, 7, 0, 0, 0, 0, 1234, null, "put /operator-load/user000001 on http://a:2379: connection refused \"quoted\" ünïcode", 0.999);
        Assert.Equal(interval, LoadJson.Parse(LoadJson.Serialize(interval)));

        var busy = interval with { Ops = 99, OpsPerSec = 99.1, Reads = 50, Updates = 49, Errors = 0, Latency = new LatencyFigures(0.123, 4.5, 6.789, 10), LastError = null };
        Assert.Equal(busy, LoadJson.Parse(LoadJson.Serialize(busy)));

        var summary = new LoadSummary(At, 12.345, 100, 8.1, 60, 40, 3, new LatencyFigures(1, 2, 3, 4), "boom");
        Assert.Equal(summary, LoadJson.Parse(LoadJson.Serialize(summary)));
    }

    [Fact]
    public void Serialized_lines_are_single_lines()
    {
        var line = LoadJson.Serialize(new LoadSummary(At, 1, 1, 1, 1, 0, 1, null, "first\nsecond"));
        Assert.DoesNotContain('\n', line);
        Assert.Equal("first\nsecond", Assert.IsType<LoadSummary>(LoadJson.Parse(line)).LastError);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json at all")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("\"interval\"")]
    [InlineData("{}")]
    [InlineData("""{"type":"interval"}""")]
    [InlineData("""{"type":42,"at":"2026-11-29T10:00:01.000Z"}""")]
    [InlineData("""{"type":"bogus","at":"2026-11-29T10:00:01.000Z"}""")]
    [InlineData("""{"type":"interval","at":"yesterday","second":1,"ops":1,"opsPerSec":1,"reads":1,"updates":0,"errors":0,"p50Ms":1,"p99Ms":1,"p999Ms":1,"maxMs":1,"lastError":null}""")]
    [InlineData("""{"type":"interval","at":"2026-11-29T10:00:01.000Z","second":1,"ops":"1","opsPerSec":1,"reads":1,"updates":0,"errors":0,"p50Ms":1,"p99Ms":1,"p999Ms":1,"maxMs":1,"lastError":null}""")]
    [InlineData("""{"type":"interval","at":"2026-11-29T10:00:01.000Z","second":1,"ops":1.5,"opsPerSec":1,"reads":1,"updates":0,"errors":0,"p50Ms":1,"p99Ms":1,"p999Ms":1,"maxMs":1,"lastError":null}""")]
    [InlineData("""{"type":"interval","at":"2026-11-29T10:00:01.000Z","second":1,"ops":1,"opsPerSec":1,"reads":1,"updates":0,"errors":0,"p50Ms":1,"p99Ms":1,"p999Ms":1,"maxMs":1,"lastError":7}""")]
    [InlineData("""{"type":"interval","at":"2026-11-29T10:00:01.000Z","second":1,"ops":1,"opsPerSec":1,"reads":1,"updates":0,"errors":0,"p50Ms":1,"p99Ms":1,"p999Ms":1,"maxMs":1,"lastError":null""")]
    [InlineData("""{"type":"start","at":"2026-11-29T10:00:01.000Z","workload":"a","clients":16,"records":1000,"targetRate":null,"endpoints":"http://a"}""")]
    [InlineData("""{"type":"start","at":"2026-11-29T10:00:01.000Z","workload":"a","clients":16,"records":1000,"targetRate":null,"endpoints":[1,2]}""")]
    [InlineData("""{"type":"summary","at":"2026-11-29T10:00:01.000Z","ops":1}""")]
    [InlineData("10:00:01.000     1s    1011.5 ops/s  reads    509  updates    506  errors     0")]
    public void Garbage_lines_parse_to_null(string? line) => Assert.Null(LoadJson.Parse(line));

    [Fact]
    public void Deeply_nested_or_huge_input_parses_to_null_without_throwing()
    {
        Assert.Null(LoadJson.Parse(new string('[', 100_000)));
        Assert.Null(LoadJson.Parse("{\"type\":\"" + new string('x', 1_000_000) + "\"}"));
        Assert.Null(LoadJson.Parse("{\"type\":\"interval\",\"at\":\"2026-11-29T10:00:01.000Z\",\"ops\":1e400}"));
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored_so_the_contract_can_grow()
    {
        var line = """{"type":"interval","at":"2026-11-29T10:00:01.000Z","second":3,"ops":10,"opsPerSec":10,"reads":5,"updates":5,"errors":0,"p50Ms":1,"p99Ms":2,"p999Ms":3,"maxMs":4,"lastError":null,"newField":{"x":[1]}}""";
        var parsed = Assert.IsType<LoadInterval>(LoadJson.Parse(line));
        Assert.Equal(3, parsed.Second);
        Assert.Equal(1.0, parsed.IntervalSeconds);
    }
}
