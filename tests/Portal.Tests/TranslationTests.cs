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

    [Fact]
    public void every_value_of_every_vocabulary_the_screens_show_has_a_text()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        string[] expected =
        [
            .. Keys<Integration.Vocabulary.NeedDomain>("Domain_"), .. Keys<Integration.Vocabulary.Priority>("Priority_"),
            .. Keys<Integration.Vocabulary.DataCategory>("Data_"), .. Keys<Integration.Vocabulary.DataCategory>("DataExplain_"),
            .. Keys<Integration.Vocabulary.ConsentPurpose>("Purpose_"), .. Keys<Integration.Vocabulary.LawfulBasis>("Basis_"),
            .. Keys<Integration.Vocabulary.LegalStatusCategory>("LegalStatus_"),
            .. Keys<Integration.Vocabulary.NeedOutcome>("NeedOutcome_"), .. Keys<Integration.Vocabulary.CaseOutcome>("CaseOutcome_"),
        ];

        Assert.DoesNotContain(expected, key => !english.ContainsKey(key));
    }

    private static IEnumerable<string> Keys<TEnum>(string prefix) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(value => prefix + Integration.Vocabulary.VocabularyNames.Name(value));

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);

    private static List<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(match => match.Value).Order()];
}
