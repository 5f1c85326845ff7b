using System.Globalization;
using System.Text.RegularExpressions;

namespace Operator.TiKV.Deployment;

/// <summary>
/// The files of the compose deployment, shipped inside this assembly and written out on <c>up</c>, with every host port
/// moved by <see cref="ComposeEndpoints.PortOffset"/>.
/// </summary>
public static partial class ComposeFiles
{
    public const string ComposeFile = "docker-compose.yaml";
    public const string PrometheusConfig = "prometheus.yml";
    public const string YcsbDockerfile = "Dockerfile.ycsb";
    public const string Workload = "workloada.properties";

    private const string ResourcePrefix = "Operator.TiKV.Deployment.Compose.";

    /// <summary>Every file, compose file first.</summary>
    public static IReadOnlyList<string> Names { get; } = [ComposeFile, PrometheusConfig, YcsbDockerfile, Workload];

    /// <summary>The text of one shipped file.</summary>
    public static string Read(string name)
    {
        using var stream = typeof(ComposeFiles).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new ArgumentException($"no compose file named {name} is shipped", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// One shipped file with its host ports moved by <paramref name="portOffset"/>. In the shipped files every
    /// <c>127.0.0.1:PORT</c> is a host port (published ports, advertised status addresses and the Prometheus
    /// instance labels that must equal them); container ports never follow <c>127.0.0.1:</c>.
    /// </summary>
    public static string Render(string name, int portOffset)
    {
        var text = Read(name);
        return portOffset == 0
            ? text
            : HostPort().Replace(text, m => "127.0.0.1:" + (int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + portOffset).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes (or overwrites) every file into <paramref name="directory"/>, creating it.</summary>
    public static async Task WriteAllAsync(string directory, CancellationToken cancellationToken = default)
    {
        var offset = ComposeEndpoints.PortOffset;
        Directory.CreateDirectory(directory);
        foreach (var name in Names)
        {
            // Through a temporary file, so a compose run never sees half a file.
            var path = Path.Combine(directory, name);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, Render(name, offset), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>Deletes the files <see cref="WriteAllAsync"/> writes, and the directory when nothing else is left in it.</summary>
    public static void DeleteAll(string directory)
    {
        foreach (var name in Names)
        {
            File.Delete(Path.Combine(directory, name));
        }

        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:([0-9]{2,5})\b")]
    private static partial Regex HostPort();
}
