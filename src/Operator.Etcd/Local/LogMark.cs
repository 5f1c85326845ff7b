namespace Operator.Etcd.Local;

/// <summary>Lengths of a member's log and stderr files before a launch, so failure reasons come from that run only.</summary>
internal sealed record LogMark(long LogLength, long StderrLength)
{
    public static readonly LogMark Start = new(0, 0);

    public static LogMark Of(LocalNodeSpec node) => new(Length(node.LogFile), Length(node.StderrFile));

    private static long Length(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
