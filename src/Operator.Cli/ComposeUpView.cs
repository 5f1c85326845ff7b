using System.Globalization;
using System.Text;
using Operator.TiKV.Deployment;

namespace Operator.Cli;

/// <summary>Plain text for <c>cluster up --subject tikv</c>: every container's state, then where Operator reaches the cluster.</summary>
internal static class ComposeUpView
{
    public static string Render(IReadOnlyList<ComposeServiceStatus> services, string project, string directory)
    {
        var sb = new StringBuilder();
        var rows = services
            .Select(s => (IReadOnlyList<string>)[s.Service, s.State, s.Health.Length > 0 ? s.Health : "-", s.Status])
            .ToList();
        TextTable.Append(sb, ["SERVICE", "STATE", "HEALTH", "STATUS"], rows);
        var running = services.Count(s => s.IsRunning);
        sb.AppendLine(CultureInfo.InvariantCulture, $"TiKV cluster is up: {running}/{services.Count} containers running (compose project {project}, files in {directory})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  --pd {ComposeEndpoints.AllPdUrls}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  --prometheus {ComposeEndpoints.PrometheusUrl}");
        sb.AppendLine("commands with --subject tikv use these by themselves, e.g. `operator cluster status --subject tikv`");
        return sb.ToString();
    }
}
