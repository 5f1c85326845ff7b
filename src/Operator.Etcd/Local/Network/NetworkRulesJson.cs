using System.Text.Json.Serialization;

namespace Operator.Etcd.Local.Network;

/// <summary>Source-generated serializer for the fault proxy's rules file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FaultRulesDocument))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class NetworkRulesJson : JsonSerializerContext
{
}
