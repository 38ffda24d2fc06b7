using System.Text.RegularExpressions;
using Integration.Testing;

namespace Integration.Platform.Tests;

/// <summary>
/// Every append to an existing stream says at which version. Under Marten's quick append an event
/// appended without one is numbered only by the database, and the stream's inline snapshot is left at
/// version 0: its ETag no longer matches, and a later append at "snapshot version + 1" fails. Appends
/// go through <c>FetchForWriting</c> or name the expected version.
/// </summary>
public sealed partial class EventAppendTests
{
    [Fact]
    public void no_service_appends_to_a_stream_without_its_expected_version()
    {
        var offenders = Directory.GetFiles(Repository.PathTo("services"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(found => AppendWithoutVersion().IsMatch(found.line))
            .Select(found => $"{Path.GetRelativePath(Repository.PathTo(), found.file)}:{found.number}: {found.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, $"appends without an expected version:\n{string.Join("\n", offenders)}");
    }

    [Theory]
    [InlineData("session.Events.Append(householdId, new HouseholdMemberRemoved(householdId, id, by, at));", true)]
    [InlineData("session.Events.Append(pairId, dismissed);", true)]
    [InlineData("session.Events.Append(pairId, pair.Version + 1, dismissed);", false)]
    [InlineData("session.Events.Append(consent.Id, consent.Version + 1, new ConsentReliedOn(consent.Id, referralId, now));", false)]
    [InlineData("stream.AppendOne(new HouseholdLeft(client.Id, householdId, by, at));", false)]
    public void the_check_tells_an_append_without_a_version_from_one_with(string line, bool withoutVersion) =>
        Assert.Equal(withoutVersion, AppendWithoutVersion().IsMatch(line));

    /// <summary><c>Events.Append(id, event)</c>: the second argument is the event itself, not a version.</summary>
    [GeneratedRegex(@"Events\.Append\(\s*[\w.]+\s*,\s*(new\s|[a-z]\w*\s*\))")]
    private static partial Regex AppendWithoutVersion();
}
