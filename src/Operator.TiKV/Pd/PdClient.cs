using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Operator.Core.Http;
using Operator.TiKV.Status;

namespace Operator.TiKV.Pd;

/// <summary>
/// PD's HTTP API (<c>/pd/api/v1</c>) across the PD endpoints. Each call tries the endpoints in turn, starting with
/// the one that answered last, until one gives an answer or PD's own verdict (not found, not bootstrapped, bad
/// request); refused, timed-out, 5xx (a follower's "redirect finds no leader"), and garbage answers fall through to
/// the next endpoint. Every endpoint attempt has its own deadline; failures come back as values, never as
/// exceptions (only the caller's cancellation propagates). Never lists all regions: region checks are streamed.
/// </summary>
public sealed class PdClient : IDisposable
{
    private const string ApiPrefix = "/pd/api/v1";

    private readonly DeadlineHttpClient _http;
    private readonly PdClientOptions _options;
    private readonly Uri[] _endpoints;
    private int _preferred;

    /// <param name="endpoints">PD client URLs (<c>http://pd0:2379</c>), in the order to try them first.</param>
    public PdClient(IEnumerable<Uri> endpoints, TimeProvider? time = null, PdClientOptions? options = null)
        : this(endpoints, options ?? new PdClientOptions(), o => new DeadlineHttpClient(time, o.Transport))
    {
    }

    /// <summary>Sends every request through <paramref name="handler"/> (tests that synthesise answers).</summary>
    internal PdClient(IEnumerable<Uri> endpoints, HttpMessageHandler handler, PdClientOptions? options = null)
        : this(endpoints, options ?? new PdClientOptions(), _ => new DeadlineHttpClient(handler))
    {
    }

    private PdClient(IEnumerable<Uri> endpoints, PdClientOptions options, Func<PdClientOptions, DeadlineHttpClient> http)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = [.. endpoints];
        if (_endpoints.Length == 0)
        {
            throw new ArgumentException("at least one PD endpoint is needed", nameof(endpoints));
        }

        foreach (var endpoint in _endpoints)
        {
            if (endpoint is null || !endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"not an http(s) PD endpoint: {endpoint}", nameof(endpoints));
            }
        }

        _options = options;
        _http = http(options);
    }

    public IReadOnlyList<Uri> Endpoints => _endpoints;

    /// <summary>Where the next call starts: the endpoint that answered last.</summary>
    public Uri PreferredEndpoint => _endpoints[Volatile.Read(ref _preferred)];

    /// <summary><c>GET /health</c>: every PD member and whether PD's own ping reached it. Served by any member.</summary>
    public Task<PdResult<IReadOnlyList<PdMemberHealth>>> HealthAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync("get health", "/health", PdJsonContext.Default.IReadOnlyListPdMemberHealth, Check<IReadOnlyList<PdMemberHealth>>(list => list.Count == 0 ? "the member list is empty" : null), timeout, cancellationToken);

    /// <summary><c>GET /members</c>: members, the PD leader and the etcd leader (proxied to the PD leader).</summary>
    public Task<PdResult<PdMembers>> MembersAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync("list members", "/members", PdJsonContext.Default.PdMembers, Check<PdMembers>(m => m.Members.Count == 0 ? "the member list is empty" : null), timeout, cancellationToken);

    /// <summary><c>GET /leader</c>: the PD leader.</summary>
    public Task<PdResult<PdMember>> LeaderAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync("get leader", "/leader", PdJsonContext.Default.PdMember, Check<PdMember>(m => m.MemberId == 0 && m.Name.Length == 0 ? "the answer names no member" : null), timeout, cancellationToken);

    /// <summary>
    /// <c>GET /stores</c>: Up (incl. Disconnected and Down) and Offline stores. An unreadable store entry is left out
    /// and described in <see cref="PdStores.Problems"/>.
    /// </summary>
    public Task<PdResult<PdStores>> StoresAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetAsync("list stores", "/stores", ParseStores, (_, _) => null, timeout, cancellationToken);

    /// <summary><c>GET /store/{id}</c>; an unknown id is <see cref="HttpFailureKind.NotFound"/>. Tombstones are returned.</summary>
    public Task<PdResult<PdStoreInfo>> StoreAsync(ulong storeId, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync(
            $"get store {storeId}",
            $"/store/{storeId}",
            PdJsonContext.Default.PdStoreInfo,
            Check<PdStoreInfo>(s => s.Store.Id == 0 ? "the answer has no store.id" : s.Store.Id != storeId ? $"the answer is store {s.Store.Id}" : null),
            timeout,
            cancellationToken);

    /// <summary>
    /// <c>GET /region/id/{id}</c>. PD answers an unknown id with 200 and a zeroed region; that is reported as
    /// <see cref="HttpFailureKind.NotFound"/>.
    /// </summary>
    public Task<PdResult<PdRegion>> RegionAsync(ulong regionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync(
            $"get region {regionId}",
            $"/region/id/{regionId}",
            PdJsonContext.Default.PdRegion,
            (region, operation) => region.Id == 0
                ? new HttpFailure(HttpFailureKind.NotFound, operation, $"PD knows no region {regionId} (it answered an empty region)", 200)
                : region.Id != regionId
                    ? new HttpFailure(HttpFailureKind.Garbage, operation, $"unexpected answer: the answer is region {region.Id}")
                    : null,
            timeout,
            cancellationToken);

    /// <summary><c>GET /regions/count</c>: the number of regions, without listing them.</summary>
    public Task<PdResult<PdRegionCount>> RegionCountAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync("count regions", "/regions/count", PdJsonContext.Default.PdRegionCount, Check<PdRegionCount>(c => c.Count < 0 ? "count is negative" : null), timeout, cancellationToken);

    /// <summary>
    /// <c>GET /regions/check/{kind}</c>: how many regions PD lists for the check and the first few ids. The answer
    /// is read as it streams and reading stops once the count and the sample are in: memory and time do not grow
    /// with the number of regions listed.
    /// </summary>
    public Task<PdResult<PdRegionCheck>> CheckRegionsAsync(PdRegionCheckKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var name = kind.WireName();
        return CallAsync(
            $"check {name} regions",
            async (endpoint, operation, http, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Url(endpoint, $"/regions/check/{name}"));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    using var body = await PooledBody.ReadAsync(response.Content, _options.MaxJsonBytes, token).ConfigureAwait(false);
                    return new HttpResult<PdRegionCheck>(response.IsSuccessStatusCode
                        ? Garbage(operation, $"unexpected answer (HTTP {(int)response.StatusCode} text/html, not PD JSON): {body.Snippet()}")
                        : ErrorStatus(operation, response, body));
                }

                var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    try
                    {
                        var check = await PdRegionCheckReader.ReadAsync(stream, kind, _options.RegionSampleSize, _options.StreamBufferBytes, token).ConfigureAwait(false);
                        return new HttpResult<PdRegionCheck>(check);
                    }
                    catch (JsonException e)
                    {
                        return new HttpResult<PdRegionCheck>(Garbage(operation, $"unexpected answer (HTTP {(int)response.StatusCode}, not PD JSON): {Reason(e)}"));
                    }
                }
            },
            timeout,
            cancellationToken);
    }

    /// <summary><c>GET /cluster/status</c>: bootstrap time and whether the cluster is initialised.</summary>
    public Task<PdResult<PdClusterStatus>> ClusterStatusAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync("get cluster status", "/cluster/status", PdJsonContext.Default.PdClusterStatus, (_, _) => null, timeout, cancellationToken);

    /// <summary><c>GET /config/schedule</c>: scheduling limits, <c>max-store-down-time</c>, space ratios.</summary>
    public Task<PdResult<PdScheduleConfig>> ScheduleConfigAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetJsonAsync("get schedule config", "/config/schedule", PdJsonContext.Default.PdScheduleConfig, (_, _) => null, timeout, cancellationToken);

    /// <summary><c>GET &lt;member&gt;/pd/api/v1/ping</c> on one member, no failover: is that member's process serving?</summary>
    public Task<HttpResult<ProbeAnswer>> PingAsync(Uri member, TimeSpan timeout, CancellationToken cancellationToken) =>
        StatusProbe.PingAsync(_http, member, timeout, cancellationToken);

    public void Dispose() => _http.Dispose();

    internal static HttpFailure ErrorStatus(string operation, HttpResponseMessage response, PooledBody body)
    {
        var code = (int)response.StatusCode;
        var error = body.Truncated ? null : PdError.Read(response.Content.Headers.ContentType?.MediaType, body.Bytes);
        if (error is null)
        {
            return new HttpFailure(HttpFailureKind.Garbage, operation, $"HTTP {code} with a body PD does not send: {body.Snippet()}", code);
        }

        return new HttpFailure(code == 404 ? HttpFailureKind.NotFound : HttpFailureKind.HttpError, operation, $"HTTP {code}: {error.Text}", code, error.Code);
    }

    // PD's verdicts end the call: asking another member would get the same answer through the same leader.
    private static bool IsVerdict(HttpFailure failure) =>
        failure.Kind == HttpFailureKind.NotFound
        || (failure.Kind == HttpFailureKind.HttpError && (failure.HttpStatus < 500 || failure.ErrorCode == PdErrorCodes.NotBootstrapped));

    private static Func<T, string, HttpFailure?> Check<T>(Func<T, string?> problem) =>
        (value, operation) => problem(value) is { } text ? Garbage(operation, $"unexpected answer: {text}") : null;

    private static HttpFailure Garbage(string operation, string detail) => new(HttpFailureKind.Garbage, operation, HttpFailureClassifier.OneLine(detail));

    private static string Reason(JsonException e)
    {
        // System.Text.Json: "The JSON value could not be converted to System.Int32. Path: $.x | LineNumber: …".
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return e.Path is { Length: > 0 } path ? $"{message.TrimEnd('.')} at {path}" : message;
    }

    private static Uri Url(Uri endpoint, string path) =>
        new UriBuilder(endpoint) { Path = endpoint.AbsolutePath.TrimEnd('/') + ApiPrefix + path, Query = "" }.Uri;

    private static PdStores ParseStores(PooledBody body)
    {
        var json = body.Bytes;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the answer is not a JSON object");
        }

        int? count = null;
        List<PdStoreInfo>? stores = null;
        var problems = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("count"u8) ? "count" : reader.ValueTextEquals("stores"u8) ? "stores" : null;
            reader.Read();
            if (name == "count")
            {
                count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) ? n : throw new JsonException("count is not an integer");
            }
            else if (name == "stores" && reader.TokenType == JsonTokenType.StartArray)
            {
                stores = [];
                for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var entry = json[start..(int)reader.BytesConsumed];
                    try
                    {
                        var store = JsonSerializer.Deserialize(entry, PdJsonContext.Default.PdStoreInfo);
                        if (store?.Store.Id is null or 0)
                        {
                            problems.Add($"stores[{index}]: no store.id");
                        }
                        else
                        {
                            stores.Add(store);
                        }
                    }
                    catch (JsonException e)
                    {
                        problems.Add(HttpFailureClassifier.OneLine($"stores[{index}]{StoreIdOf(entry)}: {Reason(e)}"));
                    }
                }
            }
            else if (name == "stores" && reader.TokenType != JsonTokenType.Null)
            {
                throw new JsonException("stores is not an array");
            }
            else
            {
                reader.Skip();
            }
        }

        return stores is null && count is not 0
            ? throw new JsonException("the answer has no stores")
            : new PdStores { Count = count ?? stores!.Count, Stores = stores ?? [], Problems = problems };
    }

    private static string StoreIdOf(ReadOnlySpan<byte> entry)
    {
        try
        {
            using var document = JsonDocument.Parse(entry.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("store", out var store)
                && store.ValueKind == JsonValueKind.Object
                && store.TryGetProperty("id", out var id)
                && id.TryGetUInt64(out var value)
                ? $" (id {value})"
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private Task<PdResult<T>> GetJsonAsync<T>(
        string what,
        string path,
        JsonTypeInfo<T> typeInfo,
        Func<T, string, HttpFailure?> check,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        where T : class =>
        GetAsync(what, path, body => JsonSerializer.Deserialize(body.Bytes, typeInfo), check, timeout, cancellationToken);

    private Task<PdResult<T>> GetAsync<T>(
        string what,
        string path,
        Func<PooledBody, T?> parse,
        Func<T, string, HttpFailure?> check,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        where T : class =>
        CallAsync(
            what,
            async (endpoint, operation, http, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Url(endpoint, path));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                using var body = await PooledBody.ReadAsync(response.Content, _options.MaxJsonBytes, token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    return new HttpResult<T>(ErrorStatus(operation, response, body));
                }

                if (body.Truncated)
                {
                    return new HttpResult<T>(Garbage(operation, $"the answer is larger than {_options.MaxJsonBytes} bytes"));
                }

                if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    return new HttpResult<T>(Garbage(operation, $"unexpected answer (HTTP {status} text/html, not PD JSON): {body.Snippet()}"));
                }

                T? value;
                try
                {
                    value = parse(body);
                }
                catch (JsonException e)
                {
                    return new HttpResult<T>(Garbage(operation, $"unexpected answer (HTTP {status}, not PD JSON: {Reason(e)}): {body.Snippet()}"));
                }

                if (value is null)
                {
                    return new HttpResult<T>(Garbage(operation, $"unexpected answer (HTTP {status}): {body.Snippet()}"));
                }

                return check(value, operation) is { } failure ? new HttpResult<T>(failure) : new HttpResult<T>(value);
            },
            timeout,
            cancellationToken);

    private async Task<PdResult<T>> CallAsync<T>(
        string what,
        Func<Uri, string, HttpClient, CancellationToken, Task<HttpResult<T>>> attempt,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        where T : class
    {
        var start = Volatile.Read(ref _preferred);
        var failed = new List<PdAttempt>(_endpoints.Length);
        for (var i = 0; i < _endpoints.Length; i++)
        {
            var index = (start + i) % _endpoints.Length;
            var endpoint = _endpoints[index];
            var operation = $"{what} from {DeadlineHttpClient.Display(endpoint)}";
            var result = await _http.SendAsync(operation, timeout, (http, token) => attempt(endpoint, operation, http, token), cancellationToken).ConfigureAwait(false);
            if (result.Ok || IsVerdict(result.Failure))
            {
                Volatile.Write(ref _preferred, index);
                return result.Ok
                    ? new PdResult<T>(result.Value, endpoint, failed)
                    : new PdResult<T>(result.Failure, endpoint, failed);
            }

            failed.Add(new PdAttempt(endpoint, result.Failure));
        }

        return new PdResult<T>(NoEndpointAnswered(what, failed), null, failed);
    }

    // One failure for the whole call. Its kind is the one all endpoints share, else the one that got furthest
    // (an HTTP error from PD says more than garbage, a timeout, or a refusal); PD's code is kept when all agree.
    private static HttpFailure NoEndpointAnswered(string what, List<PdAttempt> failed)
    {
        if (failed.Count == 1)
        {
            return failed[0].Failure;
        }

        var kind = failed.Select(f => f.Failure.Kind).MaxBy(Reach);
        var codes = failed.Select(f => f.Failure.ErrorCode).OfType<string>().Distinct().ToList();
        var statuses = failed.Select(f => f.Failure.HttpStatus).OfType<int>().Distinct().ToList();
        var detail = string.Join("; ", failed.Select(f => $"{DeadlineHttpClient.Display(f.Endpoint)}: {f.Failure.Detail}"));
        return new HttpFailure(
            kind,
            $"{what} from PD",
            $"no endpoint answered: {detail}",
            statuses.Count == 1 ? statuses[0] : null,
            codes.Count == 1 ? codes[0] : null);
    }

    private static int Reach(HttpFailureKind kind) => kind switch
    {
        HttpFailureKind.Refused => 0,
        HttpFailureKind.OtherTransport => 1,
        HttpFailureKind.Timeout => 2,
        HttpFailureKind.Garbage => 3,
        _ => 4,
    };
}
