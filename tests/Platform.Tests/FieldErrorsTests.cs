using Integration.ServiceDefaults;

namespace Integration.Platform.Tests;

/// <summary>Every field message goes out with a code a client can say in its own language, in the same order as the messages.</summary>
public sealed class FieldErrorsTests
{
    [Fact]
    public void each_message_has_its_code_in_the_problems_error_codes()
    {
        var errors = new FieldErrors();
        errors.RequireText("givenName", " ", 100);
        errors.OptionalText("note", new string('x', 5) + "\u0007", 3);
        errors.Add("email", "Not an e-mail address.", FieldErrorCodes.NotAnEmail);
        errors.Add("endsOn", "The plan must end after it starts.");

        var problem = errors.ToProblem().ProblemDetails;

        var codes = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(problem.Extensions["errorCodes"]);
        Assert.Equal(["required"], codes["givenName"]);
        Assert.Equal(["too_long", "control_characters"], codes["note"]);
        Assert.Equal(["not_an_email"], codes["email"]);
        Assert.Equal(["invalid"], codes["endsOn"]);
        Assert.Equal(["At most 3 characters.", "Control characters are not allowed."], problem.Errors["note"]);
    }
}
