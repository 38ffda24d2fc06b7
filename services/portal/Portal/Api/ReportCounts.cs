using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration.Portal.Api.Contracts.Referrals;

/// <summary>
/// A report's count as the API writes it: a number, or <c>"&lt;5"</c> when it is too small to publish. The OpenAPI document declares no
/// single type for it, so the generated type is empty; this part reads either form. <see cref="Value"/> is null for a suppressed count.
/// </summary>
[JsonConverter(typeof(ReportCountConverter))]
public partial class ReportCount
{
    public const string Suppressed = "<5";

    public long? Value { get; init; }

    public override string ToString() => Value?.ToString("N0", CultureInfo.CurrentCulture) ?? Suppressed;
}

public sealed class ReportCountConverter : JsonConverter<ReportCount>
{
    public override ReportCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new() { Value = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null };

    public override void Write(Utf8JsonWriter writer, ReportCount value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value?.Value is { } count)
        {
            writer.WriteNumberValue(count);
        }
        else
        {
            writer.WriteStringValue(ReportCount.Suppressed);
        }
    }
}
