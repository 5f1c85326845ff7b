using System.Reflection;

namespace Operator.TiKV.Tests;

public sealed class TikvReadingsTests
{
    [Fact]
    public void Reading_names_are_unique_snake_case()
    {
        var names = typeof(TikvReadings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name is not (nameof(TikvReadings.PdRole) or nameof(TikvReadings.TikvRole)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z][a-z0-9_]*$", n));
    }
}
