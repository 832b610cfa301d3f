using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using StateHub.Domain.Access;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Security;

/// <summary>Settings of section <c>RateLimiting</c> (<c>RateLimiting__PerKeyPerMinute</c>).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests per key per minute; 0 turns limiting off. Admin keys are never limited.</summary>
    public int PerKeyPerMinute { get; set; } = 6000;
}

/// <summary>
/// ASP.NET Core's rate limiter, one fixed one-minute window per key (partitioned by key id).
/// Admin keys, anonymous access and the open paths (health, OpenAPI, sign-in) are not limited.
/// A refused request is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class PerKeyRateLimiting
{
    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetSection(RateLimitingOptions.SectionName).Get<RateLimitingOptions>()?.PerKeyPerMinute ?? 6000;
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var caller = HttpCurrentCaller.Get(context);
                if (perMinute <= 0 || caller?.KeyId is not { } keyId || caller.Role == ApiKeyRole.Admin)
                    return RateLimitPartition.GetNoLimiter("unlimited");
                return RateLimitPartition.GetFixedWindowLimiter(keyId.ToString(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(context.HttpContext, Problems.Create(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key has made more than {perMinute} requests in a minute; retry after {retryAfter} seconds."));
            };
        });
        return services;
    }
}
