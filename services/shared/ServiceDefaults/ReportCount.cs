using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration.ServiceDefaults;

/// <summary>
/// A count of people (or of what people received) in a report that leaves the coordinator: under <see cref="Threshold"/> it is
/// written as the string <c>"&lt;5"</c>, so that no cell of a published table points at one person; from it on, as the number.
/// </summary>
[JsonConverter(typeof(ReportCountConverter))]
public readonly record struct ReportCount(long Value)
{
    public const long Threshold = 5;
    public const string Suppressed = "<5";

    public bool IsSuppressed => Value < Threshold;

    public override string ToString() => IsSuppressed ? Suppressed : Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The OpenAPI description of a count: an integer of at least <see cref="Threshold"/>, or <c>"&lt;5"</c>. No type is declared, because
    /// generated clients take a one-of of an integer and a string for the integer alone and then fail on <c>"&lt;5"</c>.
    /// </summary>
    internal const string Description = "A count: the number (an integer) when it is 5 or more, the string \"<5\" below.";
}

/// <summary>Writes a <see cref="ReportCount"/> as the contract shows it, and reads either form back (a suppressed count reads as 0).</summary>
public sealed class ReportCountConverter : JsonConverter<ReportCount>
{
    public override ReportCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new ReportCount(reader.GetInt64()) : new ReportCount(0);

    public override void Write(Utf8JsonWriter writer, ReportCount value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsSuppressed)
        {
            writer.WriteStringValue(ReportCount.Suppressed);
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }
}
