using Microsoft.Extensions.Options;
using StateHub.Application.ApiKeys;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Security;

namespace StateHub.WebApi.Security;

/// <summary>The outcome of looking a key up: the caller, or why it is refused.</summary>
public sealed record AuthenticationOutcome(Caller? Caller, string? Refusal)
{
    public static AuthenticationOutcome Accepted(Caller caller) => new(caller, null);

    public static AuthenticationOutcome Refused(string why) => new(null, why);
}

/// <summary>
/// Turns a presented key into a caller. Keys are checked against the database on every request
/// (no cache), so a revocation or expiry holds on every node at once.
/// </summary>
public sealed class ApiKeyAuthenticator(IOptions<AuthOptions> options, IApiKeyRepository keys, TimeProvider clock)
{
    public const string CookieName = "statehub_session";

    public async Task<AuthenticationOutcome> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        var admin = options.Value.AdminApiKey;
        if (!string.IsNullOrWhiteSpace(admin) && ApiKeySecrets.FixedTimeEquals(key, admin))
            return AuthenticationOutcome.Accepted(Caller.BootstrapAdmin);

        var found = await keys.FindByHashAsync(ApiKeySecrets.Hash(key), cancellationToken);
        if (found is null)
            return AuthenticationOutcome.Refused("The API key is not known to this hub.");
        var now = clock.GetUtcNow();
        if (found.RevokedAt is not null)
            return AuthenticationOutcome.Refused($"The API key {found.Prefix}… was revoked; ask an admin for a new one.");
        if (!found.IsActive(now))
            return AuthenticationOutcome.Refused($"The API key {found.Prefix}… has expired; ask an admin for a new one.");
        return AuthenticationOutcome.Accepted(Caller.ForKey(found));
    }

    /// <summary>The key in <c>Authorization: Bearer</c> or <c>X-Api-Key</c>; "" when a header is present but malformed; null when neither is present.</summary>
    public static string? FromHeaders(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!string.IsNullOrWhiteSpace(authorization))
        {
            const string bearer = "Bearer ";
            return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : "";
        }

        var apiKey = request.Headers["X-Api-Key"].ToString();
        return string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }
}
