using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace StateHub.Client;

/// <summary>The serializer settings every generated client uses (the generator names this method).</summary>
public static class StateHubJson
{
    /// <summary>
    /// Wire names come from the generated <c>JsonPropertyName</c> attributes and enum values from
    /// <c>JsonStringEnumMemberName</c>. Null properties are left out of request bodies, so a
    /// partial update (PATCH) sends only the fields that were set, and those it was told to
    /// clear (<see cref="PartialUpdateExtensions.Clear{TUpdate}"/>) as <c>null</c>.
    /// </summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WriteClearedPropertiesAsNull } };
        return options;
    }

    private static void WriteClearedPropertiesAsNull(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(IPartialUpdate).IsAssignableFrom(typeInfo.Type))
            return;

        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo member)
                continue;
            var name = member.Name;
            property.ShouldSerialize = (update, value) => value is not null || ((IPartialUpdate)update).ClearedProperties.Contains(name);
        }
    }
}
