namespace Operator.Llm.Tests;

/// <summary>One request as the fake LLM server received it.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
