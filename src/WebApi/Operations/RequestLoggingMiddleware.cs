using System.Diagnostics;

namespace StateHub.WebApi.Operations;

/// <summary>
/// One line per request, at Information on the <c>StateHub.Requests</c> category: method, route
/// template (not the raw path, so ids and slugs do not explode log indexes), status, duration and
/// the name of the API key (never the key itself), which access control puts in
/// <see cref="KeyNameItem"/>. The trace id comes with the line's scope, as on every other line.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILoggerFactory loggerFactory)
{
    public const string Category = "StateHub.Requests";

    /// <summary>The <see cref="HttpContext.Items"/> key under which access control leaves the caller's key name.</summary>
    public const string KeyNameItem = "StateHub.ApiKeyName";

    private readonly ILogger _logger = loggerFactory.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        // Routing has run already; the exception handler clears the endpoint when it re-executes, so keep it now.
        var endpoint = context.GetEndpoint();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var route = ((context.GetEndpoint() ?? endpoint) as RouteEndpoint)?.RoutePattern.RawText is { } template
                ? "/" + template.TrimStart('/')
                : context.Request.Path.HasValue ? "(unmatched)" : "/";
            var keyName = context.Items.TryGetValue(KeyNameItem, out var name) && name is string s ? s : "-";
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            _logger.LogInformation("{Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms (key {KeyName})",
                context.Request.Method, route, status, elapsed, keyName);
        }
    }
}
