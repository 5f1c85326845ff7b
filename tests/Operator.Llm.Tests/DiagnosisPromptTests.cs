using Operator.Core.Diagnosis;
using Operator.Core.Tickets;

namespace Operator.Llm.Tests;

public sealed class DiagnosisPromptTests
{
    private readonly DiagnosisPrompt _prompt = new(Fixtures.Causes, new SecretRedactor([Fixtures.ApiKey]));

    [Fact]
    public void System_prompt_asks_for_a_differential_diagnosis_from_the_vocabulary()
    {
        var system = _prompt.System();
        Assert.Contains(string.Join(", ", Fixtures.Causes), system, StringComparison.Ordinal);
        Assert.Contains("differential diagnosis", system, StringComparison.Ordinal);
        Assert.Contains("at least 2", system, StringComparison.Ordinal);
    }

    [Fact]
    public void User_prompt_renders_ticket_observation_process_logs_and_history()
    {
        var past = Fixtures.Context().Ticket with
        {
            Id = 1,
            Status = TicketStatus.Resolved,
            Diagnosis = DiagnosisJson.Serialize(new Diagnosis(
                "process_crashed", "n2", "n2 was killed last time", "high", 0.95, [], [], "restart", [], [], "critical", [], [], [], "rules", null, 2, Fixtures.T0)),
        };

        var user = _prompt.User(Fixtures.Context([past]));

        Assert.Contains("## Ticket #3 member_down:n2 (subject etcd)", user, StringComparison.Ordinal);
        Assert.Contains("connection refused", user, StringComparison.Ordinal);
        Assert.Contains("\"members\":3", user, StringComparison.Ordinal);
        Assert.Contains("- n1 (etcd) up leader", user, StringComparison.Ordinal);
        Assert.Contains("- n2 (etcd) down", user, StringComparison.Ordinal);
        Assert.Contains("pid=4121 state=gone", user, StringComparison.Ordinal);
        Assert.Contains("n1 warn log: lost TCP streaming connection with remote peer remote-peer-id=b2c3", user, StringComparison.Ordinal);
        Assert.Contains("#1 member_down:n2 resolved", user, StringComparison.Ordinal);
        Assert.Contains("cause=process_crashed node=n2 confidence=0.95 engine=rules: n2 was killed last time", user, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixtures.UrlPassword, user, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixtures.PlantedAwsKey, user, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_only_the_newest_log_lines()
    {
        var context = Fixtures.Context();
        var many = Enumerable.Range(0, DiagnosisPrompt.MaxLogLines + 5)
            .Select(i => new LogLine(Fixtures.T0.AddSeconds(i), "n2", "info", $"line-{i:000}", new Dictionary<string, string>(), "log"))
            .ToList();

        var user = _prompt.User(context with { NodeLogs = many });

        Assert.Contains("(5 older lines omitted)", user, StringComparison.Ordinal);
        Assert.DoesNotContain("line-004", user, StringComparison.Ordinal);
        Assert.Contains("line-005", user, StringComparison.Ordinal);
        Assert.Contains($"line-{DiagnosisPrompt.MaxLogLines + 4:000}", user, StringComparison.Ordinal);
    }
}
