using Operator.Testing;

namespace Operator.TiKV.Tests.Fixtures;

/// <summary>Recorded-shape answers under Fixtures/, as raw HTTP responses for <see cref="FakeHttpServer"/>.</summary>
internal static class Fixture
{
    public const string PdJson = "application/json; charset=UTF-8";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>A PD-style JSON answer (PD's content type) with the fixture as body.</summary>
    public static string Json(string name, int status = 200) => FakeHttpServer.Response(status, PdJson, Text(name));

    /// <summary>A <c>text/plain</c> answer, as PD's leader proxy sends its errors.</summary>
    public static string Plain(string name, int status) => FakeHttpServer.Response(status, "text/plain; charset=utf-8", Text(name));

    /// <summary>What Go's mux answers for an unknown path.</summary>
    public static string NotFoundPage() => FakeHttpServer.Response(404, "text/plain; charset=utf-8", "404 page not found\n");

    /// <summary>A server that answers the given request targets and 404s everything else.</summary>
    public static FakeHttpServer Serve(params (string Target, string Response)[] routes)
    {
        var map = routes.ToDictionary(r => r.Target, r => r.Response, StringComparer.Ordinal);
        return FakeHttpServer.Routing(target => map.GetValueOrDefault(target) ?? NotFoundPage());
    }
}
