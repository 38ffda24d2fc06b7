using Integration.ServiceDefaults;

namespace Integration.Referrals.Directory;

/// <summary>The field rules the directory's use cases share.</summary>
internal static class DirectoryValidation
{
    private const int MaxAddressLength = 320;

    /// <returns>The address trimmed, or null when there is none (valid or not: the errors say).</returns>
    public static string? Email(FieldErrors errors, string field, string? value)
    {
        var email = errors.OptionalText(field, value, MaxAddressLength);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(field, "Not an e-mail address.", FieldErrorCodes.NotAnEmail);
        }

        return email;
    }

    /// <returns>The address trimmed, or null when there is none (valid or not: the errors say).</returns>
    public static string? WebAddress(FieldErrors errors, string field, string? value)
    {
        var address = errors.OptionalText(field, value, MaxAddressLength);
        if (address is not null
            && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add(field, "An absolute http or https address.");
        }

        return address;
    }
}
