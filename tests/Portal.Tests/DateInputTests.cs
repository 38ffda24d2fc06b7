using System.Globalization;
using Bunit;
using Integration.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

/// <summary>Dates are typed and shown day first as the page's language writes them, whatever the browser's own locale.</summary>
public sealed class DateInputTests : BunitContext
{
    private DateOnly? chosen = new DateOnly(1999, 9, 9);

    public DateInputTests() => Services.AddLocalization();

    [Theory]
    [InlineData("en-GB", "14/01/2030", "2030-01-14")]
    [InlineData("en-GB", "8/9/1990", "1990-09-08")]
    [InlineData("it", "08.09.1990", "1990-09-08")]
    [InlineData("it", "8-9-1990", "1990-09-08")]
    [InlineData("it", " 1990-09-08 ", "1990-09-08")]
    [InlineData("en-GB", "09/13/1990", null)]
    [InlineData("en-GB", "31/02/2030", null)]
    [InlineData("en-GB", "14/01/30", null)]
    [InlineData("en-GB", "14 January 2030", null)]
    [InlineData("it", "ieri", null)]
    public void a_typed_date_is_read_day_first_or_as_iso_with_a_four_digit_year(string culture, string typed, string? expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, CultureInfo.InvariantCulture), DateInput.Parse(typed));
    }

    [Fact]
    public void a_date_is_shown_as_the_page_writes_it_and_an_unreadable_one_says_how_to_write_it_in_the_pages_language()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it");
        var input = Render<DateInput>(parameters => parameters
            .Add(date => date.Id, "born")
            .Add(date => date.Value, new DateOnly(1990, 9, 8))
            .Add(date => date.ValueChanged, EventCallback.Factory.Create<DateOnly?>(this, value => chosen = value)));
        Assert.Equal("08/09/1990", input.Find("#born").GetAttribute("value"));
        Assert.Equal("gg/mm/aaaa", input.Find("#born").GetAttribute("placeholder"));

        input.Find("#born").Change("1990-09-31");

        Assert.Null(chosen);
        Assert.Equal("true", input.Find("#born").GetAttribute("aria-invalid"));
        Assert.Equal("Non è una data: scrivila come gg/mm/aaaa.", input.Find("#born-format").TextContent);

        input.Find("#born").Change("7/3/1991");

        Assert.Equal(new DateOnly(1991, 3, 7), chosen);
        Assert.Equal("07/03/1991", input.Find("#born").GetAttribute("value"));
        Assert.Null(input.Find("#born").GetAttribute("aria-invalid"));
    }
}
