using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StateHub.Application.Common.Serialization;

/// <summary>
/// Reads a JSON string or integer as a string (e.g. <c>topic_id</c>, which older clients send as
/// either), the integer exactly as written, however long; always writes a string. A fraction or an
/// exponent (<c>1.5</c>, <c>1e999999</c>) is refused: read as a double it would come back rounded,
/// or as "Infinity".
/// </summary>
public sealed class StringOrNumberConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => IntegerText(ref reader),
            _ => throw new JsonException("Expected a string or an integer."),
        };

    private static string IntegerText(ref Utf8JsonReader reader)
    {
        var text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty || digits.ContainsAnyExcept("0123456789"))
            throw new JsonException("Expected a string or an integer; a fraction or an exponent is not an id.");
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
            writer.WriteNullValue();
        else
            writer.WriteStringValue(value);
    }
}
