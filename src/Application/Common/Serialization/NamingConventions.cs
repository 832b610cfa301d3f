using System.Text.Json;

namespace StateHub.Application.Common.Serialization;

/// <summary>The wire's naming: snake_case for properties and error keys (enum values: <see cref="StateHub.Domain.Common.EnumWire"/>).</summary>
public static class NamingConventions
{
    public static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>Converts a member path such as <c>Files[0].Path</c> to <c>files[0].path</c>.</summary>
    public static string ToSnakeCasePath(string path) =>
        string.Join('.', path.Split('.').Select(segment =>
        {
            var bracket = segment.IndexOf('[');
            return bracket < 0
                ? ToSnakeCase(segment)
                : ToSnakeCase(segment[..bracket]) + segment[bracket..];
        }));
}
