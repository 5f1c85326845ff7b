using System.Text;
using Operator.TiKV.Pd;

namespace Operator.TiKV.Tests.Pd;

/// <summary>PD's four error-body shapes, and what is not one of them.</summary>
public sealed class PdErrorTests
{
    [Theory]
    [InlineData("application/json", "\"[PD:core:ErrStoreNotFound]store 9 not found\"\n", "PD:core:ErrStoreNotFound", "[PD:core:ErrStoreNotFound]store 9 not found")]
    [InlineData("application/json", "\"missing store id\"\n", null, "missing store id")]
    [InlineData("application/json", """{"code":"input","msg":"invalid character 'x' looking for beginning of value","data":{"Offset":1}}""", "input", "invalid character 'x' looking for beginning of value (errcode input)")]
    [InlineData("text/plain", "[PD:apiutil:ErrRedirectNoLeader]redirect finds no leader\n", "PD:apiutil:ErrRedirectNoLeader", "[PD:apiutil:ErrRedirectNoLeader]redirect finds no leader")]
    [InlineData(null, "[PD:apiutil:ErrRedirect]redirect failed", "PD:apiutil:ErrRedirect", "[PD:apiutil:ErrRedirect]redirect failed")]
    [InlineData("application/json", "\"[PD:cluster:ErrNotBootstrapped]TiKV cluster not bootstrapped, please start TiKV first\"", "PD:cluster:ErrNotBootstrapped", "[PD:cluster:ErrNotBootstrapped]TiKV cluster not bootstrapped, please start TiKV first")]
    public void Each_pd_error_shape_gives_its_code_and_one_line_text(string? mediaType, string body, string? code, string text)
    {
        var error = PdError.Read(mediaType, Encoding.UTF8.GetBytes(body));

        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(text, error.Text);
    }

    [Theory]
    [InlineData("text/html", "<html><body>502 Bad Gateway</body></html>")]
    [InlineData("text/plain", "Bad Gateway")]
    [InlineData("text/html", "[PD:apiutil:ErrRedirect]redirect failed")]
    [InlineData("application/json", "{\"error\":\"something else\"}")]
    [InlineData("application/json", "\"unterminated")]
    [InlineData("application/json", "\"two\" \"strings\"")]
    [InlineData("application/json", "\"\"")]
    [InlineData("application/json", "")]
    public void Bodies_that_are_no_pd_error_shape_are_not_pd_errors(string mediaType, string body) =>
        Assert.Null(PdError.Read(mediaType, Encoding.UTF8.GetBytes(body)));
}
