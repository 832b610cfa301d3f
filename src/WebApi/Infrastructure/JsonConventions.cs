using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The wire format of the Python service: snake_case names and enum values, UTC timestamps; unknown
/// properties refused, names matched exactly and each given at most once.
/// </summary>
public static class JsonConventions
{
    /// <param name="options">The options to configure.</param>
    /// <param name="strictEnums">
    /// Refuse enum values that are not exactly snake_case (HTTP bodies). Faces that check values
    /// against their own schema first (MCP, whose SDK builds that schema from these options and
    /// needs the plain string-enum converter to list the values) pass false.
    /// </param>
    public static void Apply(JsonSerializerOptions options, bool strictEnums = true)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Names match exactly, as the wire spells them: "Name" or "LOCAL_PATH" is an unknown field
        // (a 422), not name or local_path (MVC's web defaults match them case-insensitively).
        options.PropertyNameCaseInsensitive = false;
        // A name given twice in one object (also inside free-form data, and in maps) is refused
        // rather than the last one silently winning.
        options.AllowDuplicateProperties = false;
        if (strictEnums)
            options.Converters.Add(new StrictSnakeCaseEnumConverterFactory());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        // Request bodies are capped at 64 levels by StrictJsonInputFormatter and stored JSON at 32 at
        // write time; the higher cap here lets every row stored before those limits be written back
        // inside the response envelope (a list and its DTO) instead of breaking the list it is in.
        options.MaxDepth = StateHub.Application.Common.Serialization.StoredJson.ReadMaxDepth + 16;
        // Plain UTF-8 like the Python service (ensure_ascii=False): "Café <v2> & more", not "Caf\u00E9 \u003Cv2\u003E".
        // The bodies are application/json, never HTML, so HTML-sensitive characters need no escaping.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
