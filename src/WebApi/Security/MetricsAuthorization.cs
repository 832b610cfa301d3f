using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using StateHub.Domain.Access;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Security;

/// <summary>
/// The <c>/metrics</c> endpoint's access rule (§16: restricted to admin or reader keys). The key
/// itself is checked by <see cref="ApiKeyAuthenticationMiddleware"/>; this policy only looks at
/// the role of the caller it left on the request. It is the default of <c>Metrics__AuthorizationPolicy</c>.
/// </summary>
public static class MetricsAuthorization
{
    public const string AdminOrReaderPolicy = "AdminOrReader";

    public static IServiceCollection AddStateHubAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminOrReaderPolicy, policy => policy.RequireAssertion(context =>
                context.Resource is HttpContext http
                && HttpCurrentCaller.Get(http) is { Role: ApiKeyRole.Admin or ApiKeyRole.Reader }));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// Access control has no ASP.NET Core authentication scheme to challenge or forbid with, so a
    /// failed policy is answered here: 403 with a problem detail that says what the key may do.
    /// </summary>
    private sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
    {
        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Succeeded)
                return next(context);
            var caller = HttpCurrentCaller.Get(context);
            if (caller is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return ProblemWriter.WriteAsync(context, Problems.Create(StatusCodes.Status401Unauthorized, "Unauthorized",
                    "No API key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."));
            }

            return ProblemWriter.WriteAsync(context, Problems.Create(StatusCodes.Status403Forbidden, "Forbidden",
                $"Only admin or reader keys may read this resource. {caller.Describe()}"));
        }
    }
}
