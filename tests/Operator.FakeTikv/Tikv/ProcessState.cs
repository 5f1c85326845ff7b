namespace Operator.FakeTikv.Tikv;

/// <summary>What the fake TiKV (or PD) process is doing, as its clients would find it.</summary>
public enum ProcessState
{
    /// <summary>Answers on its port; a store also heartbeats to PD.</summary>
    Running,

    /// <summary>Accepts connections, never answers; a store no longer heartbeats (a paused or wedged process).</summary>
    Hung,

    /// <summary>Its port refuses connections; a store no longer heartbeats.</summary>
    Killed,
}
