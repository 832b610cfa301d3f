using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using StateHub.Domain.Common;

namespace StateHub.Infrastructure.Persistence.Conversions;

/// <summary>Stores enums as their snake_case names (<c>in_progress</c>), the same words the API uses.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => EnumWire.Name(v),
    v => FromName(v))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> Values =
        Enum.GetValues<TEnum>().Distinct().ToDictionary(EnumWire.Name, v => v, StringComparer.Ordinal);

    public static TEnum FromName(string name) => Values[name];

    /// <summary>A SQL list of the stored names, for CHECK constraints and partial-index filters.</summary>
    public static string SqlList(params TEnum[] values) =>
        string.Join(", ", (values.Length == 0 ? Enum.GetValues<TEnum>() : values).Select(v => $"'{EnumWire.Name(v)}'"));
}
