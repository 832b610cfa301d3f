using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Mcp;

/// <summary>Marks the endpoints whose request bodies <see cref="McpRequestBodyMiddleware"/> checks.</summary>
public sealed class McpRequestBodyMetadata;

/// <summary>
/// Checks a message posted to the MCP endpoint before the SDK reads it (§15: nothing a client sends
/// is a 500). MCP messages are JSON-RPC in UTF-8: a post without a JSON content type, or with a
/// charset other than UTF-8 (<c>charset=</c> included, on which the SDK's reader throws), is a 415
/// problem, as on the API's JSON operations; a body that is not valid UTF-8 is a 400 problem, as on
/// the API, rather than text the SDK would read with U+FFFD in place of the bad bytes and store;
/// a body that is not well-formed JSON is a JSON-RPC parse error (-32700); and a request whose
/// params object gives a name twice (or a name that is not valid Unicode) is -32602 Invalid params.
/// </summary>
public sealed class McpRequestBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<McpRequestBodyMetadata>() is null)
        {
            await next(context);
            return;
        }

        if (UnsupportedContentType(context.Request.ContentType) is { } reason)
        {
            await ProblemWriter.WriteAsync(context, Problems.Create(
                StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type",
                $"{reason} Send MCP messages as Content-Type: application/json (UTF-8)."));
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = new ReadOnlyMemory<byte>(body.GetBuffer(), 0, (int)body.Length);
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            await ProblemWriter.WriteAsync(context, Problems.Create(
                StatusCodes.Status400BadRequest, "Bad request", "The request body is not valid UTF-8."));
            return;
        }

        if (JsonSyntaxError(bytes.Span) is { } syntaxError)
        {
            // JSON-RPC 2.0 §5.1: invalid JSON is a parse error, -32700 (the SDK would answer -32600).
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0",
                id = (string?)null,
                error = new { code = -32700, message = $"Parse error: the body is not valid JSON ({syntaxError})." },
            }), context.RequestAborted);
            return;
        }

        if (IsInitializeWithUnreadableParams(bytes))
        {
            await ProblemWriter.WriteAsync(context, Problems.Create(
                StatusCodes.Status400BadRequest, "Bad request", $"initialize params: {McpParamsGuard.LoneSurrogateMessage}"));
            return;
        }

        if (UnreadableParamsNames(bytes) is { } invalid)
        {
            // JSON-RPC 2.0: -32602 Invalid params, answered for the request's id.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0",
                id = invalid.Id,
                error = new { code = -32602, message = $"Invalid params: {invalid.Message}" },
            }), context.RequestAborted);
            return;
        }

        body.Position = 0;
        var (originalBody, originalType) = (context.Request.Body, context.Request.ContentType);
        context.Request.Body = body;
        // Checked above; the SDK's reader takes no other spelling (a quoted charset, a +json type).
        context.Request.ContentType = "application/json; charset=utf-8";
        try
        {
            await next(context);
        }
        finally
        {
            (context.Request.Body, context.Request.ContentType) = (originalBody, originalType);
        }
    }

    /// <summary>What makes <paramref name="body"/> not one well-formed JSON value, or null when it is one.</summary>
    private static string? JsonSyntaxError(ReadOnlySpan<byte> body) =>
        // A UTF-8 byte order mark is not JSON, but readers of a stream (the SDK's) skip it.
        StrictJsonInputFormatter.SyntaxError(body.StartsWith("\uFEFF"u8) ? body[3..] : body)?.TrimEnd('.');

    /// <summary>
    /// Whether <paramref name="body"/> is an <c>initialize</c> request whose params hold a string with a
    /// lone surrogate escape: the SDK's transport binds those params itself, before any MCP filter
    /// (<see cref="McpParamsGuard"/> answers for every other request), and throws on such a string.
    /// </summary>
    private static bool IsInitializeWithUnreadableParams(ReadOnlyMemory<byte> body)
    {
        if (body.Span.IndexOf("\\u"u8) < 0)
            return false;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String && method.ValueEquals("initialize")
                && root.TryGetProperty("params", out var parameters) && !IsReadable(parameters);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not a message the SDK can read at all: it answers that itself (400, -32600).
            return false;
        }
    }

    /// <summary>
    /// The id of a request (not a notification) and what is wrong when its <c>params</c> object has a name given twice or a name
    /// with a lone surrogate escape: the SDK reads params by name before any MCP filter runs
    /// (<see cref="McpParamsGuard"/> answers for what lies deeper) and answers those with a bare -32603.
    /// </summary>
    private static (JsonElement Id, string Message)? UnreadableParamsNames(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body);
            var root = document.RootElement;
            // A notification (no id) gets no answer (JSON-RPC 2.0 §4.1): the SDK's handling stands.
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var value)
                || !root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
                return null;
            var id = value.Clone();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in parameters.EnumerateObject())
            {
                string name;
                try
                {
                    name = member.Name;
                }
                catch (InvalidOperationException)
                {
                    return (id, $"params: {McpParamsGuard.LoneSurrogateMessage}");
                }

                if (!seen.Add(name))
                    return (id, $"params: {McpArgumentValidator.DuplicateProperty(name)}");
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsReadable(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject().All(member => member.Name is not null && IsReadable(member.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(IsReadable),
                JsonValueKind.String => element.GetString() is not null,
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Why the SDK could not read a body of <paramref name="contentType"/> as JSON in UTF-8, or null when it can.</summary>
    private static string? UnsupportedContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return "The request has no Content-Type.";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            return $"Content-Type '{contentType}' cannot be read.";
        if (!mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            return $"Content-Type '{mediaType.MediaType}' is not JSON.";
        if (mediaType.Charset.HasValue && !IsUtf8(HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString()))
            return $"Charset '{mediaType.Charset}' is not UTF-8.";
        return null;
    }

    private static bool IsUtf8(string charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return false;
        try
        {
            return Encoding.GetEncoding(charset).CodePage == Encoding.UTF8.CodePage;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
