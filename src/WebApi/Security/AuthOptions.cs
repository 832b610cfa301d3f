namespace StateHub.WebApi.Security;

/// <summary>Access control settings (section <c>Auth</c>; environment variables <c>Auth__AdminApiKey</c>, <c>Auth__AllowAnonymous</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The bootstrap admin key. Compared in constant time; never logged.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Requests without a key act as admin (actor <c>anonymous</c>). For closed networks and tests only.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>How often at most <c>last_used_at</c> is written for one key.</summary>
    public TimeSpan LastUsedGranularity { get; set; } = TimeSpan.FromMinutes(1);

    public bool HasAdminKey => !string.IsNullOrWhiteSpace(AdminApiKey);

    /// <summary>
    /// The line the app prints and exits with when it would otherwise start open to anyone:
    /// outside Development, no admin key and anonymous access not allowed. Null when it may start.
    /// </summary>
    public static string? StartupRefusal(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (environment.IsDevelopment() || options.HasAdminKey || options.AllowAnonymous)
            return null;
        return $"no admin key in the {environment.EnvironmentName} environment: " +
               "set Auth__AdminApiKey to a long random secret (e.g. `openssl rand -hex 32`), or Auth__AllowAnonymous=true to run without access control.";
    }
}
