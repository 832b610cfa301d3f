using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace StateHub.Infrastructure.Persistence.Conversions;

/// <summary>Value conversions for properties stored as jsonb documents.</summary>
internal static class JsonValueConversions
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Reads a jsonb document as <see cref="Converter{T}"/> does, for reads that bypass the model.</summary>
    public static T Deserialize<T>(string json)
        where T : class =>
        JsonSerializer.Deserialize<T>(json, Options)!;

    public static ValueConverter<T, string> Converter<T>()
        where T : class =>
        new(v => JsonSerializer.Serialize(v, Options), v => JsonSerializer.Deserialize<T>(v, Options)!);

    public static ValueComparer<T> Comparer<T>()
        where T : class =>
        new(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);
}
