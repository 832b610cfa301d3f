using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Timestamps on the wire: any ISO-8601 offset is accepted and normalised to UTC at microsecond
/// precision (what PostgreSQL keeps), so a value a client sends reads back exactly as it was stored.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
            throw new JsonException("Expected an ISO-8601 timestamp, e.g. 2026-11-24T09:30:00+00:00.");
        return ToWirePrecision(value);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWirePrecision(value));

    public static DateTimeOffset ToWirePrecision(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % 10), TimeSpan.Zero);
    }
}

/// <summary>
/// Enums on the wire are exactly their snake_case names: <c>in_progress</c>, not <c>InProgress</c>,
/// <c>IN_PROGRESS</c> or <c>1</c>. A wrong value is refused with the list of allowed ones.
/// Registered ahead of <see cref="JsonStringEnumConverter"/>, which stays in the options so that
/// schema generators still describe enums as strings.
/// </summary>
public sealed class StrictSnakeCaseEnumConverterFactory : JsonConverterFactory
{
    private static readonly ConcurrentDictionary<Type, JsonConverter> Converters = new();

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.GetOrAdd(typeToConvert, t => (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(t))!);

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        private static readonly Dictionary<string, TEnum> Values =
            Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        private static readonly string Allowed = string.Join(", ", Names.Values);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && Values.TryGetValue(reader.GetString()!, out var value))
                return value;
            throw new JsonException($"Invalid value: expected one of {Allowed}.");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names[value]);
    }
}
