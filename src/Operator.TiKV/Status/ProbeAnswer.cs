namespace Operator.TiKV.Status;

/// <summary>A probe that got its answer: the URL asked and the HTTP status (always 200: anything else is a failure).</summary>
public sealed record ProbeAnswer(Uri Url, int HttpStatus);
