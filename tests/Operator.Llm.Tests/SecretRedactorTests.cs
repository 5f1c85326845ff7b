namespace Operator.Llm.Tests;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("key sk-ant-api03-abcdefghijklmnop done", "key *** done")]
    [InlineData("OPENAI key sk-proj-abcdefghijklmnop", "OPENAI key ***")]
    [InlineData("Authorization: Bearer eyJhbGciOi.payload.sig", "Authorization: Bearer ***")]
    [InlineData("dial http://root:s3cr3t@10.0.0.1:2379/v3", "dial http://root:***@10.0.0.1:2379/v3")]
    [InlineData("postgres://app:p%40ss@db:5432/x", "postgres://app:***@db:5432/x")]
    [InlineData("login password=hunter2 ok", "login password=*** ok")]
    [InlineData("GET /x?user=a&token=abc123&y=1", "GET /x?user=a&token=***&y=1")]
    [InlineData("client_secret: 'xyz987'", "client_secret: '***'")]
    [InlineData("{\"api_key\":\"abc123\"}", "{\"api_key\":\"***\"}")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE here", "aws *** here")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = ***")]
    public void Redacts_known_secret_shapes(string input, string expected) =>
        Assert.Equal(expected, new SecretRedactor().Redact(input));

    [Theory]
    [InlineData("lost TCP streaming connection with remote peer b2c3")]
    [InlineData("get status from http://127.0.0.1:2479: connection refused")]
    [InlineData("member n2 (b2c3) is down; leader=n1 term=4")]
    public void Leaves_ordinary_operational_text_alone(string input) =>
        Assert.Equal(input, new SecretRedactor().Redact(input));

    [Fact]
    public void Redacts_given_literal_secrets_of_any_shape()
    {
        var redactor = new SecretRedactor(["opaque-local-key-42", null, ""]);
        Assert.Equal("using *** now", redactor.Redact("using opaque-local-key-42 now"));
    }
}
