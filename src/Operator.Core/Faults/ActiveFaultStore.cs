using System.Text.Json;

namespace Operator.Core.Faults;

/// <summary>
/// The dead-man record, <c>&lt;dir&gt;/active-faults.json</c>: every injection not yet reverted. Changes are
/// read-modify-write under an exclusive lock file, and the file is replaced atomically, so two chaos processes
/// never lose each other's entries.
/// </summary>
public sealed class ActiveFaultStore
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;

    public ActiveFaultStore(string directory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The directory holding the record.</summary>
    public string Directory { get; }

    /// <summary>The record file.</summary>
    public string FilePath => Path.Combine(Directory, "active-faults.json");

    private string LockPath => Path.Combine(Directory, "active-faults.lock");

    /// <summary>Every recorded injection, oldest first.</summary>
    public IReadOnlyList<ActiveFault> List() => Read();

    /// <summary>Adds or replaces the entry with the same id.</summary>
    public Task PutAsync(ActiveFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return ChangeAsync(
            list =>
            {
                list.RemoveAll(f => f.Id == fault.Id);
                list.Add(fault);
                return list;
            },
            cancellationToken);
    }

    /// <summary>Removes one entry (nothing happens when it is gone already).</summary>
    public Task RemoveAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(list => list.Where(f => f.Id != id).ToList(), cancellationToken);

    private async Task ChangeAsync(Func<List<ActiveFault>, List<ActiveFault>> change, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        var list = Read().ToList();
        Write(change(list));
    }

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"create {Directory}: {e.Message}; pass a writable --state-dir", e);
        }

        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (_time.GetElapsedTime(started) < LockTimeout)
            {
                await Task.Delay(LockRetry, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OperatorException($"lock {LockPath}: {e.Message}; another chaos command may be stuck, check `ps`", e);
            }
        }
    }

    private List<ActiveFault> Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(FilePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"read {FilePath}: {e.Message}; check the permissions of --state-dir", e);
        }

        try
        {
            return JsonSerializer.Deserialize(text, ActiveFaultJson.Default.ListActiveFault) ?? [];
        }
        catch (JsonException e)
        {
            throw new OperatorException(
                $"read {FilePath}: not a fault record ({e.Message}); undo what it lists by hand (`operator cluster status`), then delete it", e);
        }
    }

    private void Write(List<ActiveFault> list)
    {
        var temp = FilePath + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, list, ActiveFaultJson.Default.ListActiveFault);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"write {FilePath}: {e.Message}; pass a writable --state-dir", e);
        }
    }
}
