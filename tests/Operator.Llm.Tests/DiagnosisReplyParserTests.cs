namespace Operator.Llm.Tests;

public sealed class DiagnosisReplyParserTests
{
    private readonly DiagnosisReplyParser _parser = new(Fixtures.Causes);

    [Fact]
    public void Accepts_bare_json() => Assert.True(_parser.Parse(Fixtures.ValidReply()).IsValid);

    [Theory]
    [InlineData("```json\n{0}\n```")]
    [InlineData("```\n{0}\n```")]
    [InlineData("Here is the diagnosis:\n{0}\nHope this helps.")]
    public void Strips_fences_and_surrounding_prose(string wrapper)
    {
        var reply = _parser.Parse(wrapper.Replace("{0}", Fixtures.ValidReply(), StringComparison.Ordinal));
        Assert.True(reply.IsValid, string.Join("; ", reply.Errors));
        Assert.Equal("process_crashed", reply.Diagnosis!.Cause);
    }

    [Fact]
    public void Rejects_a_cause_outside_the_vocabulary_naming_the_allowed_ones()
    {
        var reply = _parser.Parse(Fixtures.ValidReply(cause: "solar_flare"));
        var error = Assert.Single(reply.Errors);
        Assert.Contains("'solar_flare' is not in the cause vocabulary", error, StringComparison.Ordinal);
        Assert.Contains("process_hung", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void Rejects_a_score_outside_zero_to_one(double score) =>
        Assert.Contains("outside 0–1", Assert.Single(_parser.Parse(Fixtures.ValidReply(score: score)).Errors), StringComparison.Ordinal);

    [Fact]
    public void Rejects_fewer_than_two_alternatives() =>
        Assert.Contains("at least 2", Assert.Single(_parser.Parse(Fixtures.ValidReply(alternatives: 1)).Errors), StringComparison.Ordinal);

    [Fact]
    public void Rejects_an_empty_primary_diagnosis() =>
        Assert.Contains("primaryDiagnosis is empty", Assert.Single(_parser.Parse(Fixtures.ValidReply(primary: " ")).Errors), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("n2 crashed, probably")]
    [InlineData("{\"cause\": ")]
    public void Rejects_non_json(string text) => Assert.False(_parser.Parse(text).IsValid);
}
