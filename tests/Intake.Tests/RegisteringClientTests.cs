using Integration.Intake.Clients;
using Integration.Intake.Clients.Registering;
using Integration.ServiceDefaults;
using Integration.Intake.Offices;

namespace Integration.Intake.Tests;

public sealed class RegisteringClientTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly ConfiguredOffices TestOffices = new(["milan", "bari"]);

    [Fact]
    public void a_complete_request_has_no_field_errors()
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest("Amina", "Yusuf", new DateOnly(1991, 4, 12)), Today, "milan", seesAllOffices: false, TestOffices).Errors;

        Assert.False(errors.Any);
    }

    [Fact]
    public void every_missing_field_is_named()
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest(null, "  ", null), Today, "milan", seesAllOffices: false, TestOffices).Errors.ToDictionary();

        Assert.Equal(["dateOfBirth", "familyName", "givenName"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("2026-11-23")]
    [InlineData("1899-12-31")]
    public void an_implausible_date_of_birth_is_rejected(string dateOfBirth)
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest("Amina", "Yusuf", DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture)), Today, "milan", seesAllOffices: false, TestOffices).Errors;

        Assert.Equal(["dateOfBirth"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void names_longer_than_a_hundred_characters_are_rejected()
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest(new string('a', 101), "Yusuf", new DateOnly(1991, 4, 12)), Today, "milan", seesAllOffices: false, TestOffices).Errors;

        Assert.Equal(["givenName"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void registration_records_trimmed_names_who_registered_and_when()
    {
        var clientId = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

        Assert.True(RegisteringClient.Parse(new RegisterClientRequest(" Amina ", "Yusuf  ", new DateOnly(1991, 4, 12)), Today, "milan", seesAllOffices: false, TestOffices)
            .TryGet(out var registration, out _));

        var registered = RegisteringClient.Decide(clientId, registration, [], "desk-7", now);

        Assert.Equal(clientId, registered.ClientId);
        Assert.Equal(("Amina", "Yusuf"), (registered.GivenName, registered.FamilyName));
        Assert.Equal(("desk-7", now, "milan"), (registered.RegisteredBy, registered.RegisteredAt, registered.Office));
    }

    [Theory]
    [InlineData("bari", true)]
    [InlineData("milan", true)]
    [InlineData("BILBAO-x", false)]
    [InlineData("bari ", true)]
    [InlineData("Bari", false)]
    public void a_coordinator_registers_only_at_a_configured_office(string office, bool valid)
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest("Amina", "Yusuf", new DateOnly(1991, 4, 12)) { Office = office }, Today, "milan",
            seesAllOffices: true, TestOffices).Errors;

        Assert.Equal(valid ? [] : ["office"], errors.ToDictionary().Keys);
        Assert.Equal(valid ? [] : [FieldErrorCodes.UnknownOffice], errors.Codes().Values.SelectMany(codes => codes));
    }

    [Fact]
    public void the_callers_own_office_from_its_token_needs_no_configuration()
    {
        var errors = RegisteringClient.Parse(new RegisterClientRequest("Amina", "Yusuf", new DateOnly(1991, 4, 12)), Today, "turin-pilot",
            seesAllOffices: false, TestOffices).Errors;

        Assert.False(errors.Any);
    }

    [Fact]
    public void a_deployment_without_offices_does_not_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new ConfiguredOffices([" ", ""]));

        Assert.Contains("Offices__0", refused.Message, StringComparison.Ordinal);
    }
}
