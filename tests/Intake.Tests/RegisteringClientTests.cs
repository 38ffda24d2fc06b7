using Integration.Intake.Clients;
using Integration.Intake.Clients.Registering;

namespace Integration.Intake.Tests;

public sealed class RegisteringClientTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void a_complete_request_has_no_field_errors()
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest("Amina", "Yusuf", new DateOnly(1991, 4, 12)), Today, "milan", seesAllOffices: false).Errors;

        Assert.False(errors.Any);
    }

    [Fact]
    public void every_missing_field_is_named()
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest(null, "  ", null), Today, "milan", seesAllOffices: false).Errors.ToDictionary();

        Assert.Equal(["dateOfBirth", "familyName", "givenName"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("2026-11-23")]
    [InlineData("1899-12-31")]
    public void an_implausible_date_of_birth_is_rejected(string dateOfBirth)
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest("Amina", "Yusuf", DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture)), Today, "milan", seesAllOffices: false).Errors;

        Assert.Equal(["dateOfBirth"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void names_longer_than_a_hundred_characters_are_rejected()
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest(new string('a', 101), "Yusuf", new DateOnly(1991, 4, 12)), Today, "milan", seesAllOffices: false).Errors;

        Assert.Equal(["givenName"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void registration_records_trimmed_names_who_registered_and_when()
    {
        var clientId = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

        Assert.True(RegisteringClient.Parse(new RegisterClientRequest(" Amina ", "Yusuf  ", new DateOnly(1991, 4, 12)), Today, "milan", seesAllOffices: false)
            .TryGet(out var registration, out _));

        var registered = RegisteringClient.Decide(clientId, registration, [], "desk-7", now);

        Assert.Equal(clientId, registered.ClientId);
        Assert.Equal(("Amina", "Yusuf"), (registered.GivenName, registered.FamilyName));
        Assert.Equal(("desk-7", now, "milan"), (registered.RegisteredBy, registered.RegisteredAt, registered.Office));
    }
}
