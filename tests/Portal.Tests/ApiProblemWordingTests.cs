using System.Globalization;
using System.Net;
using Integration.Portal.Api;

namespace Integration.Portal.Tests;

/// <summary>The API's field messages said in the page's language through their codes, not shown in the API's English.</summary>
public sealed class ApiProblemWordingTests
{
    private static readonly object Refusal = new
    {
        code = "validation_failed",
        errors = new Dictionary<string, string[]>
        {
            ["email"] = ["Not an e-mail address."],
            ["nationalities[0]"] = ["Not an ISO 3166-1 alpha-2 country code (for example SY, UA, ER)."],
            ["endsOn"] = ["The plan must end after it starts."],
            ["note"] = ["At most 2000 characters."],
        },
        errorCodes = new Dictionary<string, string[]>
        {
            ["email"] = ["not_an_email"],
            ["nationalities[0]"] = ["not_a_country"],
            ["endsOn"] = ["invalid"],
            ["note"] = ["too_long"],
        },
    };

    [Fact]
    public async Task in_italian_each_message_is_said_through_its_code_and_an_unknown_kind_keeps_the_detail()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it");

        var problem = await FakeIntakeApi.ProblemAsync(HttpStatusCode.BadRequest, Refusal);

        Assert.Equal(["Non è un indirizzo e-mail."], problem.FieldErrors["email"]);
        Assert.Equal(["Scegli un paese dall'elenco."], problem.FieldErrors["nationalities"]);
        Assert.Equal(["Valore non valido (The plan must end after it starts.)"], problem.FieldErrors["endsOn"]);
        Assert.Equal(["Testo troppo lungo."], problem.FieldErrors["note"]);
    }

    [Fact]
    public async Task in_english_the_apis_own_words_stay_except_where_they_speak_in_codes()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");

        var problem = await FakeIntakeApi.ProblemAsync(HttpStatusCode.BadRequest, Refusal);

        Assert.Equal(["Not an e-mail address."], problem.FieldErrors["email"]);
        Assert.Equal(["Choose a country from the list."], problem.FieldErrors["nationalities"]);
        Assert.Equal(["The plan must end after it starts."], problem.ItemFieldErrors["endsOn"]);
    }
}
