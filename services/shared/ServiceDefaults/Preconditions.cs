using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Integration.ServiceDefaults;

/// <summary>Reads <c>If-Match</c> as the expected stream version (see <see cref="ETags"/>).</summary>
public static class Preconditions
{
    /// <summary>Null when absent (or <c>*</c>); throws a 400 field error when it is not an ETag of ours.</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParse(header, out var tag)
            && long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new DomainRuleViolated(ProblemCodes.ValidationFailed, "If-Match must be an ETag returned by a GET, such as \"3\".",
            StatusCodes.Status400BadRequest,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["Not an ETag of this resource."] } });
    }
}
