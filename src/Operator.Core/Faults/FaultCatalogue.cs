namespace Operator.Core.Faults;

/// <summary>A subject's faults by name, in the order <c>chaos list</c> shows them.</summary>
public sealed class FaultCatalogue
{
    public FaultCatalogue(IReadOnlyList<IFault> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        Faults = faults;
    }

    /// <summary>Every fault, in catalogue order.</summary>
    public IReadOnlyList<IFault> Faults { get; }

    /// <summary>Every name, in catalogue order.</summary>
    public IReadOnlyList<string> Names => Faults.Select(f => f.Name).ToList();

    /// <summary>The fault called <paramref name="name"/>.</summary>
    /// <exception cref="OperatorException">No such fault.</exception>
    public IFault Find(string name) =>
        Faults.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new OperatorException($"no fault named {name}; faults are {string.Join(", ", Names)} (see `operator chaos list`)");

    /// <summary>
    /// Parses a comma-separated selection; <c>all</c> means every fault. Order follows the selection, duplicates dropped.
    /// </summary>
    /// <exception cref="OperatorException">An unknown name, or nothing selected.</exception>
    public IReadOnlyList<IFault> Select(string selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var names = selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new OperatorException($"no faults selected; pass all or some of {string.Join(",", Names)}");
        }

        return names.Contains("all", StringComparer.Ordinal) ? Faults : names.Distinct(StringComparer.Ordinal).Select(Find).ToList();
    }
}
