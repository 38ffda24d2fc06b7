using Integration.ServiceDefaults;

namespace Integration.Referrals.Directory;

/// <summary>The field rules the directory's use cases share.</summary>
internal static class DirectoryValidation
{
    private const int MaxAddressLength = 320;

    public static void Email(FieldErrors errors, string field, string? value)
    {
        errors.OptionalText(field, value, MaxAddressLength);
        if (!string.IsNullOrWhiteSpace(value) && !System.Net.Mail.MailAddress.TryCreate(value.Trim(), out _))
        {
            errors.Add(field, "Not an e-mail address.", FieldErrorCodes.NotAnEmail);
        }
    }

    public static void WebAddress(FieldErrors errors, string field, string? value)
    {
        errors.OptionalText(field, value, MaxAddressLength);
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add(field, "An absolute http or https address.");
        }
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
