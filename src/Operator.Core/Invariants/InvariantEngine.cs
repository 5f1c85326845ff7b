using Operator.Core.Observing;

namespace Operator.Core.Invariants;

/// <summary>
/// Runs every enabled invariant against each observation and turns findings into violations once their
/// grace period has passed. Keeps, per <c>invariant:target</c>, when the condition was first seen; a
/// finding that disappears for one cycle starts its grace period again.
/// </summary>
public sealed class InvariantEngine
{
    private readonly IReadOnlyList<IInvariant> _invariants;
    private readonly InvariantConfig _config;
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);

    public InvariantEngine(IEnumerable<IInvariant> invariants, InvariantConfig config)
    {
        _invariants = invariants.ToList();
        _config = config;
        config.Validate(_invariants);
    }

    public IReadOnlyList<IInvariant> Invariants => _invariants;

    public int EnabledCount => _invariants.Count(i => SettingsFor(i).Enabled);

    public InvariantSettings SettingsFor(IInvariant invariant) => _config.Resolve(invariant);

    public EvaluationResult Evaluate(Observation observation)
    {
        var now = observation.At;
        var violations = new List<Violation>();
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = 0;

        foreach (var invariant in _invariants)
        {
            var settings = SettingsFor(invariant);
            if (!settings.Enabled)
            {
                continue;
            }

            IReadOnlyList<Finding>? findings;
            try
            {
                findings = invariant.Check(observation, settings);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                errors.Add($"check invariant {invariant.Name}: {ex.Message}");
                KeepPendingOf(invariant.Name, seen);
                continue;
            }

            if (findings is null)
            {
                KeepPendingOf(invariant.Name, seen);
                continue;
            }

            evaluated.Add(invariant.Name);
            foreach (var finding in findings)
            {
                var key = $"{invariant.Name}:{finding.Target}";
                if (!seen.Add(key))
                {
                    continue;
                }

                if (!_since.TryGetValue(key, out var since))
                {
                    since = now;
                    _since[key] = since;
                }

                if (now - since >= settings.Grace)
                {
                    violations.Add(new Violation(invariant.Name, finding.Target, finding.Node, settings.Severity, finding.Message, finding.Snapshot, since));
                }
                else
                {
                    pending++;
                }
            }
        }

        foreach (var key in _since.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _since.Remove(key);
        }

        return new EvaluationResult(violations, evaluated, pending, errors);
    }

    // An invariant that could not run this cycle keeps its grace clocks: no data is not the same as healthy.
    private void KeepPendingOf(string invariant, HashSet<string> seen)
    {
        var prefix = invariant + ":";
        foreach (var key in _since.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                seen.Add(key);
            }
        }
    }
}
