using System.Text.Json.Serialization;

namespace Operator.Etcd.Local;

/// <summary>Source-generated serializer for <c>cluster.json</c>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalClusterSpec))]
internal sealed partial class LocalClusterJson : JsonSerializerContext
{
}
