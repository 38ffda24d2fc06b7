using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Integration.Platform.Tests;

/// <summary>
/// The one Dockerfile restores from project files copied before the sources: a project a service
/// references but the restore step does not copy would fail the image build, which no machine here
/// can run (no Docker engine), so the list is checked against the projects' own references.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Services =
        ["services/intake/Intake.Api", "services/referrals/Referrals.Api", "services/mediators/Mediators.Api", "services/gateway/Gateway", "services/portal/Portal"];

    [Fact]
    public void the_restore_step_copies_every_project_each_service_builds_from_and_the_files_restore_reads()
    {
        var dockerfile = File.ReadAllText(Repository.PathTo("Dockerfile"));
        var copied = CopiedProjects().Matches(dockerfile).Select(match => match.Groups["path"].Value).ToHashSet(StringComparer.Ordinal);

        var needed = Services.SelectMany(service => Closure($"{service}/{Path.GetFileName(service)}.csproj")).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(needed.Except(copied));
        Assert.All(["global.json", "NuGet.config", "Directory.Build.props", "Directory.Packages.props"],
            file => Assert.Contains(file, dockerfile, StringComparison.Ordinal));
        Assert.True(dockerfile.IndexOf("dotnet restore", StringComparison.Ordinal) < dockerfile.IndexOf("COPY services/ services/", StringComparison.Ordinal),
            "packages are restored before the sources are copied");
    }

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Repository.PathTo(current))!;
            foreach (var reference in XDocument.Load(Repository.PathTo(current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, (string)reference.Attribute("Include")!));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^COPY (?<path>\S+\.csproj) ", RegexOptions.Multiline)]
    private static partial Regex CopiedProjects();
}
