using System.Text.Json.Serialization;

namespace Operator.Core.Faults;

/// <summary>Source-generated JSON for the dead-man record.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<ActiveFault>))]
internal sealed partial class ActiveFaultJson : JsonSerializerContext;
