namespace Operator.FakeTikv.Http;

/// <summary>What a client connecting to a fake server's port experiences.</summary>
public enum ServerState
{
    /// <summary>Answers requests.</summary>
    Listening,

    /// <summary>Accepts connections and reads requests but never answers (a paused or wedged process).</summary>
    Hung,

    /// <summary>Nothing listens: connecting is refused (a killed process).</summary>
    Stopped,
}
