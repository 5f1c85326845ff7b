using System.Globalization;
using System.Text;

namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// A recursive-descent parser for the PromQL subset in <see cref="PromExpr"/>. Anything outside it (<c>offset</c>,
/// <c>on()</c>, <c>and</c>/<c>or</c>, subqueries, <c>$__rate_interval</c>, …) is an <see cref="UnsupportedQueryException"/>.
/// </summary>
public sealed class PromParser
{
    private static readonly HashSet<string> Aggregations = ["sum", "avg", "min", "max", "count"];
    private static readonly string[] Operators = ["==", "!=", ">=", "<=", "=~", "!~", ">", "<", "+", "-", "*", "/", "%", "^", "=", "(", ")", "{", "}", "[", "]", ","];

    private readonly string _text;
    private int _pos;

    private PromParser(string text) => _text = text;

    public static PromExpr Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parser = new PromParser(query);
        var expr = parser.ParseComparison();
        parser.SkipSpace();
        if (parser._pos != query.Length)
        {
            throw parser.Unsupported($"unexpected \"{query[parser._pos..]}\"");
        }

        return expr;
    }

    private PromExpr ParseComparison()
    {
        var left = ParseAdditive();
        while (TryOperator("==", "!=", ">=", "<=", ">", "<") is { } op)
        {
            if (PeekWord() == "bool")
            {
                throw Unsupported("the bool modifier");
            }

            var matching = TryMatching();
            left = new BinaryExpr(op, left, ParseAdditive(), matching);
        }

        return left;
    }

    private PromExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (TryOperator("+", "-") is { } op)
        {
            var matching = TryMatching();
            left = new BinaryExpr(op, left, ParseMultiplicative(), matching);
        }

        return left;
    }

    private PromExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (TryOperator("*", "/", "%") is { } op)
        {
            var matching = TryMatching();
            left = new BinaryExpr(op, left, ParseUnary(), matching);
        }

        return left;
    }

    private PromExpr ParseUnary()
    {
        if (TryOperator("-") is not null)
        {
            return new NegateExpr(ParseUnary());
        }

        if (TryOperator("+") is not null)
        {
            return ParseUnary();
        }

        var operand = ParsePrimary();
        if (TryOperator("^") is not null)
        {
            return new BinaryExpr("^", operand, ParseUnary());
        }

        return operand;
    }

    private PromExpr ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw Unsupported("the query ends too early");
        }

        var c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseComparison();
            Expect(")");
            return WithRangeOrOffset(inner);
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            return new NumberExpr(ReadNumber());
        }

        if (c == '{')
        {
            return ParseSelector("");
        }

        var word = ReadIdentifier() ?? throw Unsupported($"unexpected \"{_text[_pos..]}\"");
        if (word is "NaN" or "nan")
        {
            return new NumberExpr(double.NaN);
        }

        if (word is "Inf" or "inf")
        {
            return new NumberExpr(double.PositiveInfinity);
        }

        if (Aggregations.Contains(word))
        {
            return ParseAggregation(word);
        }

        if (Peek("("))
        {
            Expect("(");
            var arguments = new List<PromExpr>();
            if (!Peek(")"))
            {
                do
                {
                    arguments.Add(ParseComparison());
                }
                while (TryOperator(",") is not null);
            }

            Expect(")");
            return WithRangeOrOffset(new CallExpr(word, arguments));
        }

        return ParseSelector(word);
    }

    private PromExpr ParseAggregation(string op)
    {
        var (grouping, without) = TryGrouping();
        Expect("(");
        var inner = ParseComparison();
        Expect(")");
        if (grouping is null)
        {
            (grouping, without) = TryGrouping();
        }

        return new AggregateExpr(op, grouping, without, inner);
    }

    private (IReadOnlyList<string>? Grouping, bool Without) TryGrouping()
    {
        var word = PeekWord();
        if (word is not ("by" or "without"))
        {
            return (null, false);
        }

        ReadIdentifier();
        return (ReadLabelList(), word == "without");
    }

    private VectorMatching? TryMatching()
    {
        var word = PeekWord();
        if (word is not ("on" or "ignoring"))
        {
            return null;
        }

        ReadIdentifier();
        var matching = new VectorMatching(word == "on", ReadLabelList());
        if (PeekWord() is "group_left" or "group_right")
        {
            throw Unsupported($"{PeekWord()} (many-to-one matching)");
        }

        return matching;
    }

    private List<string> ReadLabelList()
    {
        Expect("(");
        var labels = new List<string>();
        while (!Peek(")"))
        {
            labels.Add(ReadIdentifier() ?? throw Unsupported("a label name in a list"));
            if (TryOperator(",") is null)
            {
                break;
            }
        }

        Expect(")");
        return labels;
    }

    private PromExpr ParseSelector(string name)
    {
        var matchers = new List<LabelMatcher>();
        if (TryOperator("{") is not null)
        {
            while (!Peek("}"))
            {
                var label = ReadIdentifier() ?? throw Unsupported("a label name in a selector");
                var op = TryOperator("=~", "!~", "!=", "=") ?? throw Unsupported($"a matcher operator after {label}");
                matchers.Add(new LabelMatcher(label, op, ReadString()));
                if (TryOperator(",") is null)
                {
                    break;
                }
            }

            Expect("}");
        }

        if (name.Length == 0)
        {
            var byName = matchers.FirstOrDefault(m => m.Label == LabelSet.MetricName && m.Operator == "=")
                ?? throw Unsupported("a selector without a metric name");
            name = byName.Value;
        }

        var selector = new SelectorExpr(name, matchers, null);
        return WithRangeOrOffset(selector);
    }

    private PromExpr WithRangeOrOffset(PromExpr expr)
    {
        if (TryOperator("[") is not null)
        {
            if (expr is not SelectorExpr selector)
            {
                throw Unsupported("subqueries");
            }

            var range = ReadDuration();
            if (TryOperator(":") is not null || !Peek("]"))
            {
                throw Unsupported("subqueries");
            }

            Expect("]");
            expr = selector with { Range = range };
        }

        if (PeekWord() is "offset" or "@")
        {
            throw Unsupported("offset and @ modifiers");
        }

        if (PeekWord() is "and" or "or" or "unless" or "group_left" or "group_right")
        {
            throw Unsupported($"the {PeekWord()} keyword");
        }

        return expr;
    }

    private TimeSpan ReadDuration()
    {
        SkipSpace();
        var total = TimeSpan.Zero;
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            var digits = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            var number = long.Parse(_text[digits.._pos], CultureInfo.InvariantCulture);
            var unitStart = _pos;
            while (_pos < _text.Length && char.IsAsciiLetter(_text[_pos]))
            {
                _pos++;
            }

            total += _text[unitStart.._pos] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "d" => TimeSpan.FromDays(number),
                "w" => TimeSpan.FromDays(7 * number),
                "y" => TimeSpan.FromDays(365 * number),
                var unit => throw Unsupported($"duration unit \"{unit}\""),
            };
        }

        if (_pos == start || total <= TimeSpan.Zero)
        {
            throw Unsupported($"a duration at \"{_text[start..]}\"");
        }

        return total;
    }

    private double ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '.'
            || ((_text[_pos] is '+' or '-') && _pos > start && _text[_pos - 1] is 'e' or 'E')))
        {
            _pos++;
        }

        var text = _text[start.._pos];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // A number followed by a unit is a duration literal, allowed as a number of seconds.
        _pos = start;
        return ReadDuration().TotalSeconds;
    }

    private string ReadString()
    {
        SkipSpace();
        if (_pos >= _text.Length || _text[_pos] is not ('"' or '\'' or '`'))
        {
            throw Unsupported("a quoted label value");
        }

        var quote = _text[_pos++];
        var value = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            var c = _text[_pos++];
            if (c == '\\' && quote != '`' && _pos < _text.Length)
            {
                var escaped = _text[_pos++];
                value.Append(escaped switch { 'n' => '\n', 't' => '\t', _ => escaped });
            }
            else
            {
                value.Append(c);
            }
        }

        if (_pos >= _text.Length)
        {
            throw Unsupported("an unterminated string");
        }

        _pos++;
        return value.ToString();
    }

    private string? ReadIdentifier()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or ':'))
        {
            if (_pos == start && char.IsAsciiDigit(_text[_pos]))
            {
                return null;
            }

            _pos++;
        }

        return _pos == start ? null : _text[start.._pos];
    }

    private string? PeekWord()
    {
        var saved = _pos;
        var word = ReadIdentifier();
        _pos = saved;
        return word;
    }

    private bool Peek(string token)
    {
        SkipSpace();
        return string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;
    }

    private string? TryOperator(params string[] candidates)
    {
        SkipSpace();
        foreach (var op in Operators.Concat(candidates).Where(candidates.Contains))
        {
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0 && !IsLongerOperator(op))
            {
                _pos += op.Length;
                return op;
            }
        }

        return null;
    }

    // "=" must not match the start of "==" or "=~", nor "<" the start of "<=".
    private bool IsLongerOperator(string op) =>
        op.Length == 1 && _pos + 1 < _text.Length && op[0] is '=' or '<' or '>' or '!' && _text[_pos + 1] is '=' or '~';

    private void Expect(string token)
    {
        if (TryOperator(token) is null)
        {
            throw Unsupported($"expected \"{token}\" at \"{_text[_pos..]}\"");
        }
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private UnsupportedQueryException Unsupported(string what) => new($"not supported by the fake Prometheus: {what}");
}
