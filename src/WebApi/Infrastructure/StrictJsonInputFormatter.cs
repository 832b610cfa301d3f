using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;
using StateHub.Application.Workplans.Commands.SyncRepo;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Reads JSON bodies in two steps so that clients get the right status: a body that is not JSON
/// at all is a 400 (malformed), while JSON that does not fit the request (unknown property, a
/// property given twice, wrong type, bad enum value) is a 422 with the offending path.
/// </summary>
public sealed partial class StrictJsonInputFormatter : TextInputFormatter
{
    /// <summary>HttpContext item set when the body was not syntactically valid JSON.</summary>
    public const string MalformedJsonItem = "StateHub.MalformedJson";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, HashSet<string>> RouteBoundNames = new();

    /// <summary>How deeply a request body may nest; deeper is a 400 (stored JSON has its own, lower limit).</summary>
    public const int MaxRequestDepth = 64;

    private readonly JsonSerializerOptions _options;

    public StrictJsonInputFormatter(JsonSerializerOptions options)
    {
        _options = options;
        SupportedEncodings.Add(UTF8EncodingWithoutBOM);
        SupportedEncodings.Add(UTF16EncodingLittleEndian);
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("application/json"));
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("text/json"));
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("application/*+json"));
    }

    /// <summary>
    /// A body without a <c>Content-Type</c> is JSON in UTF-8 when the caller sends a key. A charset the runtime cannot even look up (<c>charset=</c>, <c>charset=""</c>) makes the base
    /// class throw while it picks the encoding; such a body is simply one this formatter cannot
    /// read, so MVC answers 415 as for any other charset it does not take.
    /// </summary>
    public override bool CanRead(InputFormatterContext context)
    {
        // No Content-Type at all is read as JSON, as the Python service (FastAPI) does, so an agent
        // posting json.dumps(...) without the header keeps working; but only from a caller that
        // sends its key. A browser page can post a body without a Content-Type (a Blob) to another
        // site with no CORS preflight, and a keyless caller may act as admin (Development on
        // loopback, Auth:AllowAnonymous); a key header it cannot add without a preflight.
        if (string.IsNullOrEmpty(context.HttpContext.Request.ContentType))
            return SendsAKey(context.HttpContext.Request);
        if (MediaTypeHeaderValue.TryParse(context.HttpContext.Request.ContentType, out var contentType)
            && contentType.Charset.HasValue
            && !IsKnownCharset(HeaderUtilities.RemoveQuotes(contentType.Charset).ToString()))
            return false;
        return base.CanRead(context);
    }

    private static bool SendsAKey(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Authorization) || request.Headers.ContainsKey("X-Api-Key");

    /// <summary>
    /// <paramref name="body"/>, text in <paramref name="encoding"/>, as UTF-8, decoded strictly: text that
    /// is not valid in that charset throws (<see cref="DecoderFallbackException"/>,
    /// <see cref="EncoderFallbackException"/>, <see cref="ArgumentException"/>) instead of becoming U+FFFD.
    /// </summary>
    public static byte[] ToUtf8(ReadOnlySpan<byte> body, Encoding encoding)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        strict.EncoderFallback = EncoderFallback.ExceptionFallback;
        return Encoding.UTF8.GetBytes(strict.GetString(body));
    }

    private static bool IsKnownCharset(string charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return false;
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        var request = context.HttpContext.Request;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.HttpContext.RequestAborted);
            body = buffer.ToArray();
        }

        // Text that is not valid in its declared charset (invalid UTF-8, an odd number of UTF-16
        // bytes, an unpaired surrogate) is malformed, not a server fault: decode strictly, then read UTF-8.
        if (encoding.CodePage != Encoding.UTF8.CodePage)
        {
            try
            {
                body = ToUtf8(body, encoding);
            }
            catch (Exception ex) when (ex is DecoderFallbackException or EncoderFallbackException or ArgumentException)
            {
                return Malformed(context, $"The request body is not valid {encoding.WebName} text.");
            }
        }
        else if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return Malformed(context, "The request body is not valid UTF-8.");
        }

        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            if (context.TreatEmptyInputAsDefaultValue)
                return InputFormatterResult.NoValue();
            context.ModelState.TryAddModelError(string.Empty, "A JSON request body is required.");
            return InputFormatterResult.Failure();
        }

        if (!IsWellFormed(body, out var syntaxError))
        {
            context.HttpContext.Items[MalformedJsonItem] = true;
            context.ModelState.TryAddModelError(string.Empty, $"The request body is not valid JSON: {syntaxError}");
            return InputFormatterResult.Failure();
        }

        if (FindRefusedContent(body, context.ModelType) is { } refusal)
        {
            context.ModelState.TryAddModelError(refusal.Key, refusal.Message);
            return InputFormatterResult.Failure();
        }

        try
        {
            var model = JsonSerializer.Deserialize(body, context.ModelType, _options);
            if (model is null && !context.TreatEmptyInputAsDefaultValue)
            {
                context.ModelState.TryAddModelError(string.Empty, "A JSON object is required, not null.");
                return InputFormatterResult.Failure();
            }

            return InputFormatterResult.Success(model);
        }
        catch (JsonException ex)
        {
            context.ModelState.TryAddModelError(ErrorKey(ex.Path), Describe(ex, context.ModelType));
            return InputFormatterResult.Failure();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or FormatException or OverflowException or ArgumentException)
        {
            context.ModelState.TryAddModelError("body", $"The request body could not be read: {ex.Message}");
            return InputFormatterResult.Failure();
        }
    }

    private static InputFormatterResult Malformed(InputFormatterContext context, string message)
    {
        context.HttpContext.Items[MalformedJsonItem] = true;
        context.ModelState.TryAddModelError(string.Empty, message);
        return InputFormatterResult.Failure();
    }

    private static bool IsWellFormed(byte[] body, out string? error) => (error = SyntaxError(body)) is null;

    /// <summary>
    /// Why <paramref name="body"/> is not one well-formed JSON value (the reader's message), or null
    /// when it is one; nesting deeper than <see cref="MaxRequestDepth"/> counts as malformed. Also
    /// asked by the MCP endpoint before the SDK reads a message.
    /// </summary>
    public static string? SyntaxError(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxRequestDepth });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// The one string a NUL character may reach a handler in, by request type and JSON path ("[]"
    /// for any array item): a file pushed to a sync, which the sync reports as an invalid_file item
    /// with its line, as it does a binary file on disk, instead of refusing the other files with it
    /// (spec §6). The content is parsed, never stored.
    /// </summary>
    private static readonly Dictionary<Type, string[]> NulAllowedAt = new()
    {
        [typeof(SyncRepoCommand)] = ["files", "[]", "content"],
    };

    /// <summary>
    /// What is well-formed JSON but can never be accepted: a NUL character in a string (PostgreSQL
    /// cannot store it in text; except where <see cref="NulAllowedAt"/> says), and a top-level field
    /// the request takes from the URL instead (such properties are [JsonIgnore]d, which the
    /// serializer would otherwise skip in silence).
    /// </summary>
    private (string Key, string Message)? FindRefusedContent(byte[] body, Type modelType)
    {
        var routeBound = RouteBoundNames.GetOrAdd(modelType, type => type.GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                .Cast<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Always))
            .Select(p => _options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name)
            .ToHashSet(StringComparer.Ordinal));

        // Where the reader is, only for a request that lets a NUL through somewhere: the enclosing
        // containers (each with the name it is the value of, or "[]" in an array) and the last property name.
        var nulAllowedAt = NulAllowedAt.GetValueOrDefault(modelType);
        var containers = new List<(bool IsArray, string? Segment)>();
        string? property = null;

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxRequestDepth });
        while (reader.Read())
        {
            if (nulAllowedAt is not null)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Add((reader.TokenType == JsonTokenType.StartArray, containers.Count == 0 ? null : containers[^1].IsArray ? "[]" : property));
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.RemoveAt(containers.Count - 1);
                    continue;
                }

                // An escaped name ("p\u0061th", which binds to path) is taken further down, once
                // unescaped (unescaping can fail on a lone surrogate, which is refused there).
                if (reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped)
                    property = reader.GetString();
            }

            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && routeBound.Count > 0)
                {
                    var plain = reader.GetString()!;
                    if (routeBound.Contains(plain))
                        return (plain, $"Unknown field: '{plain}' is taken from the URL, not from the body.");
                }

                continue;
            }

            string text;
            try
            {
                text = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate (e.g. "\ud800") is well-formed JSON but no Unicode text.
                return ("body", "Strings must be valid Unicode: a lone UTF-16 surrogate escape (such as \\ud800) is not allowed.");
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
                property = text;
            if (text.Contains('\0') && !(reader.TokenType == JsonTokenType.String && nulAllowedAt is not null && IsAt(nulAllowedAt, containers, property)))
                return ("body", "Strings must not contain the NUL character (\\u0000).");
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && routeBound.Count > 0)
            {
                var name = text;
                if (routeBound.Contains(name))
                    return (name, $"Unknown field: '{name}' is taken from the URL, not from the body.");
            }
        }

        return null;
    }

    /// <summary>Whether the string value just read lies at <paramref name="path"/>.</summary>
    private static bool IsAt(string[] path, List<(bool IsArray, string? Segment)> containers, string? property) =>
        containers.Count == path.Length
        && containers.Skip(1).Select(c => c.Segment).Append(containers[^1].IsArray ? "[]" : property).SequenceEqual(path, StringComparer.Ordinal);

    private static string ErrorKey(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return "body";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private string Describe(JsonException ex, Type modelType)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return "Unknown field: this request does not accept it.";
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
            return DuplicateName().Match(message) is { Success: true } duplicate
                ? $"Duplicate field: '{duplicate.Groups[1].Value}' is given more than once in the same object."
                : "Duplicate field: a name is given more than once in the same object.";
        if (message.Contains("could not be converted to", StringComparison.Ordinal) && TargetType(modelType, ex.Path) is { } target)
            return $"Invalid value: expected {Expectation(target)}.";

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("^Duplicate property '(.*)' encountered", RegexOptions.Singleline)]
    private static partial Regex DuplicateName();

    /// <summary>Follows a JSON path such as <c>$.files[0].path</c> through the request type to the property's type.</summary>
    private Type? TargetType(Type type, string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        var current = type;
        foreach (var raw in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = raw.IndexOf('[');
            var name = bracket < 0 ? raw : raw[..bracket];
            var property = current.GetProperties().FirstOrDefault(p => _options.PropertyNamingPolicy?.ConvertName(p.Name) == name);
            if (property is null)
                return null;
            current = property.PropertyType;
            if (bracket >= 0)
                current = ElementType(current) ?? current;
        }

        return Nullable.GetUnderlyingType(current) ?? current;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType ? type.GetGenericArguments().LastOrDefault()
        : null;

    private static string Expectation(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        if (type == typeof(Guid))
            return "a UUID";
        if (type == typeof(DateOnly))
            return "a date (YYYY-MM-DD)";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            return "an ISO-8601 timestamp with offset";
        if (type == typeof(int) || type == typeof(long))
            return "an integer";
        if (type == typeof(bool))
            return "true or false";
        if (type == typeof(string))
            return "a string";
        if (type != typeof(string) && ElementType(type) is not null && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            return "an array";
        return "a JSON object";
    }
}
