using System.CommandLine;
using Operator.Core;
using Operator.Core.Diagnosis;
using Operator.Llm;

namespace Operator.Cli;

/// <summary>The <c>--engine</c>, <c>--model</c> and <c>--base-url</c> options and the engine they select.</summary>
internal sealed class Engines
{
    public Option<string?> Engine { get; } = new("--engine")
    {
        Description = "Diagnosis engine: rules (offline, default without an API key), anthropic (ANTHROPIC_API_KEY) or openai (OPENAI_API_KEY optional; any OpenAI-compatible server)",
    };

    public Option<string?> Model { get; } = new("--model") { Description = "Model id for an LLM engine" };

    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "API base URL for an LLM engine (e.g. http://127.0.0.1:11434/v1 for Ollama)" };

    public Engines()
    {
        Engine.AcceptOnlyFromAmong(EngineEnvironment.Rules, EngineEnvironment.Anthropic, EngineEnvironment.OpenAi);
    }

    public IEnumerable<Option> All => [Engine, Model, BaseUrl];

    /// <summary>The engine options as given, to pass on to a child agent (<c>--engine openai --model m</c>).</summary>
    public List<string> Arguments(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var args = new List<string>();
        foreach (var (option, value) in new[] { (Engine, parse.GetValue(Engine)), (Model, parse.GetValue(Model)), (BaseUrl, parse.GetValue(BaseUrl)) })
        {
            if (value is not null)
            {
                args.AddRange([option.Name, value]);
            }
        }

        return args;
    }

    /// <summary>"rules", "openai" or "openai/model": the engine the options select, <paramref name="fallback"/> when none is given.</summary>
    public string Label(ParseResult parse, string fallback)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var name = parse.GetValue(Engine) ?? fallback;
        return parse.GetValue(Model) is { } model && name != EngineEnvironment.Rules ? $"{name}/{model}" : name;
    }

    /// <summary>The selected engine; LLM engines fall back to rules (labelled on the ticket) when they fail.</summary>
    public IDiagnosisEngine Create(ParseResult parse, Subjects.ISubjectSetup subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rules = subject.RulesEngine();
        var name = parse.GetValue(Engine) ?? EngineEnvironment.DefaultEngine();
        if (name == EngineEnvironment.Rules)
        {
            return rules;
        }

        Uri? baseUrl = null;
        if (parse.GetValue(BaseUrl) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out baseUrl))
        {
            throw new OperatorException($"--base-url: '{text}' is not an absolute URL; use e.g. http://127.0.0.1:11434/v1");
        }

        LlmEngine? llm = name switch
        {
            EngineEnvironment.Anthropic => AnthropicEngineFactory.FromEnvironment(
                new LlmEngineOptions(parse.GetValue(Model) ?? AnthropicEngineFactory.DefaultModel, baseUrl), subject.Causes, TimeProvider.System)
                ?? throw new OperatorException($"--engine anthropic needs {EngineEnvironment.AnthropicApiKey} in the environment; set it or use --engine rules"),
            _ => OpenAiEngineFactory.FromEnvironment(
                new LlmEngineOptions(parse.GetValue(Model) ?? OpenAiEngineFactory.DefaultModel, baseUrl), subject.Causes, TimeProvider.System),
        };
        return new FallbackEngine(llm, rules);
    }
}
