namespace Operator.Workload;

/// <summary>Picks the key of the next operation: scrambled zipfian over the key space. Thread-safe; callers bring their own <see cref="Random"/>.</summary>
public sealed class KeyChooser
{
    private readonly ScrambledZipfianGenerator _records;

    public KeyChooser(KeySpace keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
        _records = new ScrambledZipfianGenerator(keys.Records);
    }

    public KeySpace Keys { get; }

    public long NextRecord(Random random) => _records.Next(random);

    public string NextKey(Random random) => Keys.Key(NextRecord(random));
}
