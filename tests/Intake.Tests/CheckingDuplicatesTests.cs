using System.Text;
using Integration.Intake.Clients.Registering;
using Integration.ServiceDefaults;

namespace Integration.Intake.Tests;

/// <summary>The duplicate check reads names as a registration stores them, and refuses what a registration refuses.</summary>
public sealed class CheckingDuplicatesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void names_are_compared_as_a_registration_stores_them()
    {
        var decomposed = "Zoe\u0308 ".Normalize(NormalizationForm.FormD);

        Assert.True(CheckingDuplicates.Parse(new DuplicateCheckRequest(decomposed, " Ne\u0301ma ", [" Hana\u0301 "], null, null, null, null), Today)
            .TryGet(out var check, out _));

        Assert.Equal(("Zoë", "Néma", "Haná"), (check.Subject.GivenName, check.Subject.FamilyName, Assert.Single(check.Subject.OtherNames)));
    }

    [Theory]
    [InlineData("Amina\u200B", "givenName")]
    [InlineData("\u202EYusuf", "familyName")]
    public void a_name_with_invisible_formatting_characters_is_refused_as_a_registration_refuses_it(string name, string field)
    {
        var request = field == "givenName"
            ? new DuplicateCheckRequest(name, "Yusuf", null, null, null, null, null)
            : new DuplicateCheckRequest("Amina", name, null, null, null, null, null);

        var errors = CheckingDuplicates.Parse(request, Today).Errors;

        Assert.Equal([FieldErrorCodes.InvisibleCharacters], errors.Codes()[field]);
    }
}
