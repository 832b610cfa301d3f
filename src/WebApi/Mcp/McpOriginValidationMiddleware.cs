using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Mcp;

/// <summary>Marks the endpoints whose callers' <c>Origin</c> header is checked against <see cref="McpOptions.AllowedOrigins"/>.</summary>
public sealed class RequireAllowedOriginMetadata;

/// <summary>
/// Guards the MCP endpoint against DNS rebinding and cross-site calls from browser pages, as the
/// Streamable HTTP transport requires servers to do (the SDK does not): a request that carries an
/// <c>Origin</c> must come from an allowed origin, else it gets 403. A request without one is not
/// from a browser page, and passes.
/// </summary>
public sealed class McpOriginValidationMiddleware(RequestDelegate next, IOptionsMonitor<McpOptions> options, ILogger<McpOriginValidationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequireAllowedOriginMetadata>() is null
            || !context.Request.Headers.TryGetValue(HeaderNames.Origin, out var values))
        {
            await next(context);
            return;
        }

        var origin = values.ToString();
        var configured = options.CurrentValue.AllowedOrigins;
        var allowed = configured.Length == 0 ? McpOptions.DefaultAllowedOrigins : configured;
        if (values.Count == 1 && allowed.Any(pattern => OriginMatches(origin, pattern)))
        {
            await next(context);
            return;
        }

        logger.LogWarning("Refused an MCP request from origin {Origin}", origin);
        await ProblemWriter.WriteAsync(context, Problems.Create(StatusCodes.Status403Forbidden, "Forbidden",
            $"Origin '{origin}' may not call the MCP endpoint. Allowed origins: {string.Join(", ", allowed)} "
            + $"(configure {McpOptions.SectionName}:AllowedOrigins). Clients that are not browser pages send no Origin header."));
    }

    /// <summary>Whether <paramref name="origin"/> is <paramref name="pattern"/>: same scheme and host, and same port unless the pattern's port is <c>*</c>.</summary>
    public static bool OriginMatches(string origin, string pattern)
    {
        if (!TryParseOrigin(origin, out var scheme, out var host, out var port))
            return false;

        var anyPort = pattern.EndsWith(":*", StringComparison.Ordinal);
        var fixedPart = anyPort ? pattern[..^2] : pattern;
        if (!TryParseOrigin(fixedPart, out var allowedScheme, out var allowedHost, out var allowedPort))
            return false;

        return string.Equals(scheme, allowedScheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(host, allowedHost, StringComparison.OrdinalIgnoreCase)
            && (anyPort || port == allowedPort);
    }

    /// <summary>Whether <paramref name="pattern"/> is a usable allow-list entry: <c>scheme://host[:port]</c> or <c>scheme://host:*</c>.</summary>
    public static bool IsValidPattern(string pattern) =>
        TryParseOrigin(pattern.EndsWith(":*", StringComparison.Ordinal) ? pattern[..^2] : pattern, out _, out _, out _);

    private static bool TryParseOrigin(string value, out string scheme, out string host, out int port)
    {
        scheme = host = string.Empty;
        port = 0;
        // An origin is scheme://host[:port] and nothing else; "null" (sandboxed pages, file://) never parses.
        if (!Uri.TryCreate(value.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return false;

        scheme = uri.Scheme;
        host = uri.IdnHost;
        port = uri.Port;
        return true;
    }
}
