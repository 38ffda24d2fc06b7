using System.Collections;
using System.Globalization;
using System.Resources;
using Integration.Portal.Resources;

namespace Integration.Portal.Tests;

public sealed class TranslationTests
{
    private static readonly ResourceManager Resources = new("Integration.Portal.Resources.Strings", typeof(Strings).Assembly);

    [Fact]
    public void every_english_text_has_an_italian_one_and_no_text_is_empty()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var italian = Texts(CultureInfo.GetCultureInfo("it"));

        Assert.True(english.Count > 50, $"only {english.Count} English texts");
        Assert.Empty(english.Keys.Except(italian.Keys));
        Assert.Empty(italian.Keys.Except(english.Keys));
        Assert.DoesNotContain(english.Concat(italian), text => string.IsNullOrWhiteSpace(text.Value));
    }

    [Fact]
    public void texts_with_placeholders_have_the_same_placeholders_in_both_languages()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var italian = Texts(CultureInfo.GetCultureInfo("it"));

        Assert.All(english, text => Assert.Equal(Placeholders(text.Value), Placeholders(italian[text.Key])));
    }

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);

    private static List<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(match => match.Value).Order()];
}
