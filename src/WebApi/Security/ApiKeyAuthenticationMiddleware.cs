using System.Net;
using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Security;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Security;

/// <summary>
/// Who is calling, for every request (§10): the key from <c>Authorization: Bearer</c> or
/// <c>X-Api-Key</c> (or, on the dashboard, the session cookie) becomes the request's
/// <see cref="Caller"/>. No, unknown, revoked or expired key → 401 with <c>WWW-Authenticate: Bearer</c>
/// (dashboard pages redirect to the sign-in form instead). What a known key may do is decided
/// later, in one place: the MediatR <see cref="AuthorizationBehaviour{TRequest,TResponse}"/>.
/// </summary>
public sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, IOptions<AuthOptions> options, IHostEnvironment environment)
{
    public const string SignInPath = "/dashboard/sign-in";
    public const string SignOutPath = "/dashboard/sign-out";

    public async Task InvokeAsync(HttpContext context, ApiKeyAuthenticator authenticator, IApiKeyRepository keys, ApiKeyUseRecorder uses)
    {
        var path = context.Request.Path;
        if (IsOpen(path))
        {
            await next(context);
            return;
        }

        var dashboard = path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase);
        var key = ApiKeyAuthenticator.FromHeaders(context.Request);
        var fromCookie = false;
        if (key is null && dashboard && context.Request.Cookies.TryGetValue(ApiKeyAuthenticator.CookieName, out var cookie) && !string.IsNullOrWhiteSpace(cookie))
        {
            key = cookie;
            fromCookie = true;
        }

        Caller caller;
        if (key is null)
        {
            if (!AnonymousAllowed(context))
            {
                await RefuseAsync(context, dashboard,
                    "No API key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>' (an admin creates keys with POST /api-keys/).");
                return;
            }

            caller = Caller.Anonymous;
        }
        else
        {
            var outcome = key.Length == 0
                ? AuthenticationOutcome.Refused("The Authorization header must be 'Bearer <key>'.")
                : await authenticator.AuthenticateAsync(key, context.RequestAborted);
            if (outcome.Caller is null)
            {
                if (fromCookie)
                    context.Response.Cookies.Delete(ApiKeyAuthenticator.CookieName, new CookieOptions { Path = "/dashboard" });
                await RefuseAsync(context, dashboard, outcome.Refusal!);
                return;
            }

            caller = outcome.Caller;
        }

        HttpCurrentCaller.Set(context, caller);
        if (caller.KeyId is { } keyId)
        {
            // Recorded only for requests that were served (a refused request changes nothing), and
            // before the answer leaves, so a client that reads the key list next sees the use;
            // at most once a granularity per key and node, so most requests cost no write.
            context.Response.OnStarting(() => context.Response.StatusCode < 400
                ? uses.RecordAsync(keys, keyId)
                : Task.CompletedTask);
        }

        await next(context);
    }

    /// <summary>Health, the OpenAPI document, the Swagger console, the sign-in form and the redirect at <c>/</c> need no key.</summary>
    private static bool IsOpen(PathString path) =>
        path.Value is Operations.RootEndpoint.Path
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(SignOutPath, StringComparison.OrdinalIgnoreCase);

    private bool AnonymousAllowed(HttpContext context)
    {
        if (options.Value.AllowAnonymous)
            return true;
        return environment.IsDevelopment() && !options.Value.HasAdminKey && IsLoopback(context.Connection.RemoteIpAddress);
    }

    /// <summary>In-process hosts (tests) have no remote address: they are as local as it gets.</summary>
    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);

    private static Task RefuseAsync(HttpContext context, bool dashboard, string detail)
    {
        if (dashboard && HttpMethods.IsGet(context.Request.Method) || dashboard && HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Redirect(SignInPath);
            return Task.CompletedTask;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemWriter.WriteAsync(context, Problems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail));
    }
}
