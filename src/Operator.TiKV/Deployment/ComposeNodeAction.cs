namespace Operator.TiKV.Deployment;

/// <summary>A chaos action done to one node's container.</summary>
/// <param name="Node">The Operator node name asked for (<c>store4</c>, <c>pd1</c>).</param>
/// <param name="Service">Its compose service (<c>tikv1</c>).</param>
/// <param name="Container">Its container (<c>operator-tikv-tikv1-1</c>).</param>
/// <param name="At">When docker confirmed it (taken right after the command returned).</param>
public sealed record ComposeNodeAction(string Node, string Service, string Container, DateTimeOffset At);
