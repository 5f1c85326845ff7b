using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>
/// Source-generated JSON metadata for the gateway's answers. 64-bit integers arrive as strings, so numbers
/// may be read from strings; unknown fields are ignored, as etcd itself does. The wire records turn null into
/// their defaults in their init accessors: generated code assigns every init-only property, passing null for
/// the zero-valued fields etcd leaves out (dotnet/runtime#84484).
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(EtcdStatus))]
[JsonSerializable(typeof(EtcdMemberList))]
[JsonSerializable(typeof(EtcdRangeResponse))]
[JsonSerializable(typeof(EtcdPutResponse))]
[JsonSerializable(typeof(EtcdWatchEnvelope))]
[JsonSerializable(typeof(EtcdErrorBody))]
[JsonSerializable(typeof(EtcdProbingHealth))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;
