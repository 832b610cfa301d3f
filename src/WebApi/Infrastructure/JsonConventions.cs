using System.Text.Json;
using System.Text.Json.Serialization;

namespace StateHub.WebApi.Infrastructure;

/// <summary>The wire format of the Python service: snake_case names and enum values, UTC timestamps; unknown properties refused.</summary>
public static class JsonConventions
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new StrictSnakeCaseEnumConverterFactory());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        options.MaxDepth = 64;
    }
}
