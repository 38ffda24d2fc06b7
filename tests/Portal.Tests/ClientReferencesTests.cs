using Integration.Portal.Api;

namespace Integration.Portal.Tests;

/// <summary>The reference a mediator and a case worker read to each other tells apart people registered one after the other.</summary>
public sealed class ClientReferencesTests
{
    [Fact]
    public void people_registered_in_the_same_minute_get_different_references()
    {
        var registered = DateTimeOffset.Parse("2026-12-01T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var references = Enumerable.Range(0, 40)
            .Select(second => ClientReferences.ReadAloud(Guid.CreateVersion7(registered.AddSeconds(second))))
            .ToList();

        Assert.Equal(references.Count, references.Distinct().Count());
    }

    [Fact]
    public void a_reference_is_two_groups_of_four_from_the_end_of_the_id()
    {
        Assert.Equal("89AB-CDEF", ClientReferences.ReadAloud(Guid.Parse("01a23296-c8cc-7a76-8c40-500b89abcdef")));
    }
}
