namespace Operator.FakeTikv.Prometheus;

/// <summary>How the fake Prometheus behaves.</summary>
public enum PrometheusMode
{
    /// <summary>Answers queries from the cluster's state.</summary>
    Up,

    /// <summary>Its port is closed.</summary>
    Down,

    /// <summary>Accepts connections, never answers.</summary>
    Hung,

    /// <summary>Answers every query with <c>{"status":"error",…}</c> (see <see cref="FakePrometheus.FailQueries"/>).</summary>
    Failing,
}
