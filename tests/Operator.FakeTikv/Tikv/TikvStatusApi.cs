using System.Globalization;
using System.Text;
using Operator.FakeTikv.Http;
using Operator.FakeTikv.Prometheus;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Tikv;

/// <summary>
/// A TiKV status server: <c>/status</c> answers 200 with an empty body (what the compose health check curls),
/// <c>/metrics</c> the store's series in Prometheus text format, anything else 404 <c>path not found</c>.
/// </summary>
internal sealed class TikvStatusApi(Func<StoreSnapshot> store, TimeProvider time) : IHttpEndpoint
{
    public ValueTask<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpReply reply = request.Path switch
        {
            "/status" => new FixedReply(200, "", ReadOnlyMemory<byte>.Empty),
            "/metrics" => new FixedReply(200, "text/plain; version=0.0.4", Encoding.UTF8.GetBytes(MetricsText(store(), time.GetUtcNow()))),
            _ => HttpReply.Text(404, "path not found"),
        };
        return ValueTask.FromResult(reply);
    }

    private static string MetricsText(StoreSnapshot snapshot, DateTimeOffset now)
    {
        var text = new StringBuilder();
        string? family = null;
        foreach (var name in TikvMetricCatalog.Names.Order(StringComparer.Ordinal))
        {
            var histogram = name.EndsWith("_bucket", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal);
            var thisFamily = histogram ? name[..name.LastIndexOf('_')] : name;
            if (thisFamily != family)
            {
                family = thisFamily;
                var type = histogram ? "histogram" : name.EndsWith("_total", StringComparison.Ordinal) ? "counter" : "gauge";
                text.Append(CultureInfo.InvariantCulture, $"# HELP {family} {family.Replace('_', ' ')}\n# TYPE {family} {type}\n");
            }

            foreach (var series in TikvMetricCatalog.Series(name, snapshot, now))
            {
                var labels = series.Labels.WithoutName().Labels;
                text.Append(name);
                if (labels.Count > 0)
                {
                    text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Key}=\"{l.Value}\"")).Append('}');
                }

                text.Append(' ').Append(PromFloat.Value(series.Value)).Append('\n');
            }
        }

        return text.ToString();
    }
}
