using StateHub.Domain.Access;

namespace StateHub.Application.Common.Security;

/// <summary>
/// Who is making the request: the key's role (and repo, for an agent key) and the actor name
/// recorded on what the request creates.
/// </summary>
public sealed record Caller(ApiKeyRole Role, string? RepoSlug, string Actor, Guid? KeyId = null)
{
    /// <summary>Work started by the hub itself (background sweeps), outside any request.</summary>
    public static Caller System { get; } = new(ApiKeyRole.Admin, null, "system");

    /// <summary>A request without a key where anonymous access is allowed (Development on loopback, or <c>Auth__AllowAnonymous=true</c>).</summary>
    public static Caller Anonymous { get; } = new(ApiKeyRole.Admin, null, "anonymous");

    /// <summary>The bootstrap key from <c>Auth__AdminApiKey</c>.</summary>
    public static Caller BootstrapAdmin { get; } = new(ApiKeyRole.Admin, null, "admin");

    public static Caller ForKey(ApiKey key) => new(key.Role, key.RepoSlug, key.Name, key.Id);

    /// <summary>What this caller may do, in a sentence for a 403's detail.</summary>
    public string Describe() => Role switch
    {
        ApiKeyRole.Admin => "This key is an admin key and may do everything.",
        ApiKeyRole.Agent =>
            $"This key is an agent key bound to repo '{RepoSlug}': it may read everything except API keys and webhooks, " +
            $"and write only what belongs to '{RepoSlug}' (its PATCH and paths, goals, workstreams, tasks, TPSC snapshots, " +
            "progress events, facts, sync, marking its inbox read, the interface changes it originates and its own acknowledgements).",
        _ => "This key is a reader key and may only read (and not API keys or webhooks).",
    };
}

/// <summary>The caller of the current request, as authenticated by the host.</summary>
public interface ICurrentCaller
{
    Caller Caller { get; }
}
