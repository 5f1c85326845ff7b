namespace Operator.Tui.State;

/// <summary>The line above the panels: what is being demonstrated, with which engine, and for how long.</summary>
/// <param name="Subject">Subject name (<c>etcd</c>).</param>
/// <param name="Engine">Diagnosis engine the agent runs (<c>rules</c>, <c>anthropic/claude-…</c>).</param>
/// <param name="Fault">The fault this run injects (<c>kill-leader</c>).</param>
/// <param name="Elapsed">Time since the demo started.</param>
/// <param name="Mode"><c>interactive</c> or <c>auto</c>.</param>
public sealed record HeaderState(string Subject, string Engine, string Fault, TimeSpan Elapsed, string Mode);
