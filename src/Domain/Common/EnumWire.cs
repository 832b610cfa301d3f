using System.Collections.Frozen;
using System.Text.Json;

namespace StateHub.Domain.Common;

/// <summary>
/// The wire's word for an enum value: its snake_case name (<c>InProgress</c> → <c>in_progress</c>), the same word
/// the JSON API, the database and every message use. Names are computed once per enum type.
/// </summary>
public static class EnumWire
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Cache<TEnum>.Names.TryGetValue(value, out var name) ? name : Convert(value);

    private static string Convert<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, Convert);
    }
}
