using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace StateHub.Infrastructure.Persistence.Conversions;

/// <summary>Stores enums as their snake_case names (<c>in_progress</c>), the same words the API uses.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => ToName(v),
    v => FromName(v))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToName(TEnum value) => Names[value];

    public static TEnum FromName(string name) => Values[name];

    /// <summary>A SQL list of the stored names, for CHECK constraints and partial-index filters.</summary>
    public static string SqlList(params TEnum[] values) =>
        string.Join(", ", (values.Length == 0 ? Enum.GetValues<TEnum>() : values).Select(v => $"'{Names[v]}'"));
}
