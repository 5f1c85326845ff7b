using Operator.Core;

namespace Operator.Cli.Subjects;

/// <summary>Comma-separated http(s) URLs from an option, with a one-line error naming the option and an example.</summary>
internal static class Urls
{
    public static IReadOnlyList<Uri> Parse(string option, string text, string example)
    {
        var urls = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new OperatorException($"{option}: '{part}' is not an http(s) URL; use e.g. {example}");
            }

            urls.Add(uri);
        }

        return urls.Count > 0 ? urls : throw new OperatorException($"{option} is empty; give one or more URLs separated by commas, e.g. {example}");
    }
}
