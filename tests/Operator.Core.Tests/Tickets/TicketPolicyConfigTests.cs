using Operator.Core.Tickets;

namespace Operator.Core.Tests.Tickets;

public sealed class TicketPolicyConfigTests
{
    [Fact]
    public void Missing_section_keeps_the_default_policy()
    {
        Assert.Equal(TicketPolicy.Default, TicketPolicyConfig.Parse("""{ "invariants": {} }""", "c.json"));
    }

    [Fact]
    public void Flap_settings_are_read_and_zero_turns_detection_off()
    {
        var p = TicketPolicyConfig.Parse("""{ "tickets": { "flap_threshold": 5, "flap_window": "2m" } }""", "c.json");
        Assert.Equal(new TicketPolicy(5, TimeSpan.FromMinutes(2)), p);
        Assert.Equal(int.MaxValue, TicketPolicyConfig.Parse("""{ "tickets": { "flap_threshold": 0 } }""", "c.json").FlapThreshold);
    }

    [Theory]
    [InlineData("""{ "tickets": { "flap_threshold": -1 } }""", "tickets.flap_threshold must be a whole number")]
    [InlineData("""{ "tickets": { "flap_window": "soon" } }""", "tickets.flap_window must be a duration")]
    [InlineData("""{ "tickets": { "flap": 1 } }""", "unknown setting")]
    public void Bad_settings_are_one_line_errors(string json, string expected)
    {
        var ex = Assert.Throws<OperatorException>(() => TicketPolicyConfig.Parse(json, "c.json"));
        Assert.Contains(expected, ex.Message);
    }
}
