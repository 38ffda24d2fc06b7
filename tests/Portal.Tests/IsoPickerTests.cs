using System.Globalization;
using Bunit;
using Integration.Portal.Components;
using Integration.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

/// <summary>The country and language pickers: names in the page's language in, ISO codes out.</summary>
public sealed class IsoPickerTests : BunitContext
{
    private string? chosen;

    public IsoPickerTests() => Services.AddLocalization();

    [Theory]
    [InlineData("en-GB", IsoKind.Country, "Eritrea", "ER")]
    [InlineData("it", IsoKind.Country, "Siria", "SY")]
    [InlineData("it", IsoKind.Language, "tigrino", "ti")]
    [InlineData("en-GB", IsoKind.Language, "Dari", "prs")]
    [InlineData("en-GB", IsoKind.Language, "ar", "ar")]
    [InlineData("en-GB", IsoKind.Country, "ua", "UA")]
    [InlineData("en-GB", IsoKind.Country, "Atlantis", "Atlantis")]
    public void what_is_typed_becomes_the_iso_code_when_it_names_a_country_or_language(string culture, IsoKind kind, string typed, string code)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var picker = Render<IsoPicker>(parameters => parameters
            .Add(picker => picker.Id, "picker")
            .Add(picker => picker.Kind, kind)
            .Add(picker => picker.ValueChanged, EventCallback.Factory.Create<string?>(this, value => chosen = value)));

        picker.Find("#picker").Input(typed);

        Assert.Equal(code, chosen);
    }

    [Fact]
    public void a_code_already_chosen_is_shown_by_its_name_and_the_list_offers_names_in_the_pages_language()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it");
        var picker = Render<IsoPicker>(parameters => parameters
            .Add(picker => picker.Id, "nationality")
            .Add(picker => picker.Kind, IsoKind.Country)
            .Add(picker => picker.Value, "UA"));

        Assert.Equal("Ucraina", picker.Find("#nationality").GetAttribute("value"));
        var options = picker.FindAll("#nationality-options option").Select(option => option.GetAttribute("value")).ToList();
        Assert.Contains("Eritrea", options);
        Assert.Contains("Siria", options);
        Assert.True(options.Count > 240, $"{options.Count} countries offered");
        Assert.DoesNotContain(options, option => option is { Length: 2 } && option.All(char.IsUpper));
    }
}
