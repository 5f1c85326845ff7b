using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>
/// Source-generated JSON metadata for PD's answers. Unknown fields are ignored; numbers sent as strings are
/// accepted. The wire records turn null into their defaults in their init accessors: generated code assigns
/// every init-only property, passing null for the zero-valued fields PD leaves out (dotnet/runtime#84484).
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(IReadOnlyList<PdMemberHealth>))]
[JsonSerializable(typeof(PdMembers))]
[JsonSerializable(typeof(PdMember))]
[JsonSerializable(typeof(PdStoreInfo))]
[JsonSerializable(typeof(PdRegion))]
[JsonSerializable(typeof(PdRegionCount))]
[JsonSerializable(typeof(PdClusterStatus))]
[JsonSerializable(typeof(PdScheduleConfig))]
[JsonSerializable(typeof(PdErrcodeBody))]
internal sealed partial class PdJsonContext : JsonSerializerContext;
