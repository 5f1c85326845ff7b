namespace Operator.Llm.Tests;

/// <summary>One scripted HTTP answer of the fake LLM server.</summary>
public sealed record FakeReply(int Status, string Body, TimeSpan Delay = default);
