using Microsoft.AspNetCore.Components;
using System.Globalization;
using System.Net;
using Bunit;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;
using Integration.Portal.Components.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

public sealed class RegistrationFormTests : BunitContext
{
    private readonly FakeIntakeApi intake = new();

    public RegistrationFormTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        Services.AddLocalization();
        Services.AddSingleton<IClientRegistration>(intake);
        Services.AddRomeClock();
    }

    [Fact]
    public void an_empty_form_names_every_required_field_next_to_it_and_sends_nothing()
    {
        var form = RenderForm();

        form.Find("form").Submit();

        Assert.Equal("This field is required.", form.Find("#givenName-errors").TextContent.Trim());
        Assert.Equal("This field is required.", form.Find("#familyName-errors").TextContent.Trim());
        Assert.Equal("This field is required.", form.Find("#dateOfBirth-errors").TextContent.Trim());
        Assert.Equal("true", form.Find("#givenName").GetAttribute("aria-invalid"));
        Assert.Empty(intake.Registrations);
    }

    [Fact]
    public void a_date_of_birth_in_the_future_is_refused_before_anything_is_sent()
    {
        var form = RenderForm();
        Type(form, "Amina", "Yusuf", DateOnly.FromDateTime(DateTime.Today.AddDays(2)));

        form.Find("form").Submit();

        Assert.Equal("The date of birth cannot be in the future.", form.Find("#dateOfBirth-errors").TextContent.Trim());
        Assert.Empty(intake.Registrations);
    }

    [Fact]
    public async Task fields_the_api_refuses_show_its_message_next_to_them_and_keep_what_was_typed()
    {
        intake.RegistrationProblem = await FakeIntakeApi.ProblemAsync(HttpStatusCode.BadRequest, new
        {
            code = "validation_failed",
            title = "One or more validation errors occurred.",
            errors = new Dictionary<string, string[]> { ["nationalities[0]"] = ["Not an ISO 3166-1 alpha-2 country code (for example SY, UA, ER)."] },
        });
        var form = RenderForm();
        Type(form, "Amina", "Yusuf", new DateOnly(1991, 4, 12));
        form.Find("#nationality").Input("XX");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("ISO 3166-1", form.Find("#nationality-errors").TextContent, StringComparison.Ordinal));
        Assert.Equal("Some fields need attention; see the messages next to them.", form.Find("[role=alert]").TextContent.Trim());
        Assert.Equal("Amina", form.Find("#givenName").GetAttribute("value"));
        Assert.Equal("XX", form.Find("#nationality").GetAttribute("value"));
        Assert.Equal(["XX"], Assert.Single(intake.Registrations).Nationalities);
    }

    [Fact]
    public void candidates_are_shown_beside_what_was_typed_and_registering_anyway_needs_a_reason()
    {
        intake.Candidates = [new DuplicateCandidate
        {
            Score = 0.91, MatchedOn = ["name_sounds_alike", "date_of_birth"], Office = "milan-central", BirthYear = 1990, Initials = "M.H.",
            ClientId = Guid.NewGuid(), GivenName = "Mohammed", FamilyName = "Haddad", DateOfBirth = new DateOnly(1990, 3, 14),
        }];
        var form = RenderForm();

        Type(form, "Muhammad", "Haddad", new DateOnly(1990, 3, 14));

        form.WaitForAssertion(() => Assert.Equal("This person may already be registered", form.Find("#duplicates-title").TextContent.Trim()));
        var rows = form.FindAll(".compare tbody tr").Select(row => row.TextContent).ToList();
        Assert.Contains(rows, row => row.Contains("Muhammad", StringComparison.Ordinal) && row.Contains("Mohammed", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains("name sounds alike, same date of birth", StringComparison.Ordinal));
        var check = intake.Checks[^1];
        Assert.Equal(("Muhammad", "Haddad", new DateOnly(1990, 3, 14), false), (check.GivenName, check.FamilyName, check.DateOfBirth!.Value, check.DateOfBirthIsApproximate!.Value));
        Assert.Null(check.Nationality);
        Assert.Null(check.Sex);

        form.Find("form").Submit();
        Assert.Equal("Say why this is a different person, or open the existing record.", form.Find("#duplicateReason-errors").TextContent.Trim());
        Assert.Empty(intake.Registrations);

        form.Find("#duplicateReason").Input("Different father's name; permit checked");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Equal("Different father's name; permit checked",
            Assert.Single(intake.Registrations).DuplicateCheckOverride?.Reason));
    }

    [Fact]
    public void a_candidate_of_another_office_shows_initials_and_birth_year_and_says_to_call_that_office()
    {
        intake.Candidates = [new DuplicateCandidate { Score = 0.93, MatchedOn = ["name", "date_of_birth"], Office = "bari", BirthYear = 1990, Initials = "M.H." }];
        var form = RenderForm();

        Type(form, "Mohammed", "Haddad", new DateOnly(1990, 3, 14));

        form.WaitForAssertion(() => Assert.Equal("This person may already be registered", form.Find("#duplicates-title").TextContent.Trim()));
        var comparison = form.Find(".compare").TextContent;
        Assert.Contains("M.H. (initials)", comparison, StringComparison.Ordinal);
        Assert.Contains("born in 1990", comparison, StringComparison.Ordinal);
        Assert.Contains("At another office: call bari to check whether this is the same person", comparison, StringComparison.Ordinal);
        Assert.Empty(form.FindAll(".compare a"));
    }

    [Fact]
    public async Task a_duplicate_found_only_at_registration_is_shown_instead_of_an_error()
    {
        intake.RegistrationProblem = await FakeIntakeApi.ProblemAsync(HttpStatusCode.Conflict, new
        {
            code = "possible_duplicate",
            title = "This person may already be registered.",
            candidates = new[]
            {
                new { clientId = Guid.NewGuid(), score = 0.88, matchedOn = new[] { "similar_name" }, givenName = "Amina", familyName = "Yousef",
                    dateOfBirth = "1991-04-12", office = "bari" },
            },
        });
        var form = RenderForm();
        Type(form, "Amina", "Yusuf", new DateOnly(1991, 4, 12));

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Yousef", form.Find(".compare").TextContent, StringComparison.Ordinal));
        Assert.Empty(form.FindAll("[role=alert]"));
        Assert.Equal("Register as a new person", form.Find("button[type=submit]").TextContent.Trim());
    }

    [Fact]
    public async Task the_legal_status_and_municipality_are_sent_with_the_registration_and_its_errors_shown_at_their_fields()
    {
        intake.RegistrationProblem = await FakeIntakeApi.ProblemAsync(HttpStatusCode.BadRequest, new
        {
            code = "validation_failed",
            title = "One or more validation errors occurred.",
            errors = new Dictionary<string, string[]> { ["legalStatus.documentNumber"] = ["At most 50 characters, with letters or digits."] },
        });
        var form = RenderForm();
        Type(form, "Amina", "Yusuf", new DateOnly(1991, 4, 12));
        form.Find("#municipality").Change(" Milano ");
        form.Find("#legalStatus").Change("AsylumSeeker");
        form.Find("#documentNumber").Change("---");
        form.Find("#permitValidUntil").Change("2027-03-31");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("letters or digits", form.Find("#documentNumber-errors").TextContent, StringComparison.Ordinal));
        var sent = Assert.Single(intake.Registrations);
        Assert.Equal(("Milano", null, null), (sent.Address!.Municipality, sent.Address.District, sent.Address.Postcode));
        Assert.Equal((Integration.Vocabulary.LegalStatusCategory.AsylumSeeker, "---", new DateOnly(2027, 3, 31)),
            (sent.LegalStatus!.Category!.Value, sent.LegalStatus.DocumentNumber, sent.LegalStatus.ValidUntil!.Value));
        Assert.Equal("---", form.Find("#documentNumber").GetAttribute("value"));
    }

    [Fact]
    public async Task an_error_goes_as_soon_as_its_field_is_put_right_and_an_api_refusal_when_the_field_is_edited()
    {
        intake.RegistrationProblem = await FakeIntakeApi.ProblemAsync(HttpStatusCode.BadRequest, new
        {
            code = "validation_failed",
            title = "One or more validation errors occurred.",
            errors = new Dictionary<string, string[]> { ["phone"] = ["A phone number has 6 to 15 digits."] },
        });
        var form = RenderForm();
        form.Find("#familyName").Input("Yusuf");
        form.Find("#dateOfBirth").Change("1991-04-12");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Contains("required", form.Find("#givenName-errors").TextContent, StringComparison.OrdinalIgnoreCase));

        form.Find("#givenName").Input(" ");
        Assert.Contains("required", form.Find("#givenName-errors").TextContent, StringComparison.OrdinalIgnoreCase);
        form.Find("#givenName").Input("Amina");
        Assert.Equal("", form.Find("#givenName-errors").TextContent.Trim());

        form.Find("#phone").Change("12");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Contains("6 to 15 digits", form.Find("#phone-errors").TextContent, StringComparison.Ordinal));
        Assert.Equal("", form.Find("#email-errors").TextContent.Trim());
        form.Find("#phone").Change("+39 333 123 4567");
        Assert.Equal("", form.Find("#phone-errors").TextContent.Trim());
    }

    [Fact]
    public void a_registered_persons_record_opens_saying_they_are_registered()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var form = RenderForm();
        Type(form, "Selam", "Tesfaye", new DateOnly(2001, 7, 18));

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.EndsWith($"/clients/{intake.RegisteredId}?registered=true", navigation.Uri, StringComparison.Ordinal));
    }

    private IRenderedComponent<RegistrationForm> RenderForm() =>
        Render<RegistrationForm>(parameters => parameters.Add(form => form.CheckDelay, TimeSpan.Zero));

    private static void Type(IRenderedComponent<RegistrationForm> form, string givenName, string familyName, DateOnly dateOfBirth)
    {
        form.Find("#givenName").Input(givenName);
        form.Find("#familyName").Input(familyName);
        form.Find("#dateOfBirth").Change(dateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
