using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The one place answers that mean "try again later" get a <c>Retry-After</c> (§15): every 503
/// (database down, no readable repo path, readiness) and every 429 that does not already carry one
/// (a rate limiter that knows its window sets its own, which is kept). Runs as the response
/// starts, so it sees the final status whichever part of the pipeline wrote it. The delay is the
/// one an exception named (<see cref="Suggest"/>, e.g. an hour for a sync without a path), else
/// the configured default.
/// </summary>
public sealed class RetryAfterMiddleware(RequestDelegate next, IConfiguration configuration)
{
    /// <summary>The default delay, in seconds (configuration key <c>Http:RetryAfterSeconds</c>).</summary>
    public const int DefaultSeconds = 5;

    private readonly string _seconds = Math.Max(1, configuration.GetValue("Http:RetryAfterSeconds", DefaultSeconds)).ToString(CultureInfo.InvariantCulture);

    private static readonly object DelayKey = new();

    /// <summary>Names the delay for this request's <c>Retry-After</c> (used if it ends in 503/429).</summary>
    public static void Suggest(HttpContext context, TimeSpan delay) => context.Items[DelayKey] = delay;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (httpContext, seconds) = ((HttpContext, string))state;
            var response = httpContext.Response;
            if (response.StatusCode is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests
                && !response.Headers.ContainsKey(HeaderNames.RetryAfter))
                response.Headers.RetryAfter = httpContext.Items.TryGetValue(DelayKey, out var named) && named is TimeSpan delay
                    ? Math.Max(1L, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
                    : seconds;
            return Task.CompletedTask;
        }, (context, _seconds));
        return next(context);
    }
}
