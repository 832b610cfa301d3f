using System.Text.Json;
using System.Text.Json.Serialization;

namespace StateHub.Client;

/// <summary>The serializer settings every generated client uses (the generator names this method).</summary>
public static class StateHubJson
{
    /// <summary>
    /// Wire names come from the generated <c>JsonPropertyName</c> attributes and enum values from
    /// <c>JsonStringEnumMemberName</c>. Null properties are left out of request bodies, so a
    /// partial update (PATCH) sends only the fields that were set.
    /// </summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
