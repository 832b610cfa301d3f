using MediatR;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Access;

namespace StateHub.Application.Common.Security;

/// <summary>
/// The one place where access is decided, for every face of the hub (HTTP, MCP, dashboard):
/// it runs before validation and before any handler looks anything up, so a key without the
/// right is refused (403) before any other check and the request changes nothing. What a request
/// touches it declares through <see cref="IAdminOnlyRequest"/>, <see cref="IRepoScopedRequest"/>
/// and <see cref="IRepoOwnedRequest"/> (see AccessRules.cs).
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentCaller currentCaller, IAccessTargetResolver resolver)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        await AccessPolicy.DemandAsync(currentCaller.Caller, request!, resolver, cancellationToken);
        return await next();
    }
}

/// <summary>The access rules of §10, as one decision over the caller and the request's declarations.</summary>
public static class AccessPolicy
{
    public static async Task DemandAsync(Caller caller, object request, IAccessTargetResolver resolver, CancellationToken cancellationToken)
    {
        if (RefusalByType(caller, request.GetType(), repoSlug: null) is { } refusal)
            throw refusal;
        if (caller.Role == ApiKeyRole.Admin || request is not ICommandMarker)
            return;

        string[] owned = request switch
        {
            IRepoScopedRequest scoped => new[] { scoped.RepoSlug },
            IRepoOwnedRequest owner => await resolver.ResolveRepoSlugAsync(owner.AccessTarget, cancellationToken) is { } slug
                ? new[] { slug }
                // The target does not exist: nothing can be changed, and the handler answers 404.
                : Array.Empty<string>(),
            _ => Array.Empty<string>(),
        };
        foreach (var slug in owned)
        {
            if (RefusalOfOwner(caller, request.GetType(), slug) is { } ownerRefusal)
                throw ownerRefusal;
        }
    }

    /// <summary>
    /// The decision for a write to something that belongs to repo <paramref name="ownerSlug"/>
    /// (null: no such resource, nothing to refuse; the handler answers 404). The HTTP layer asks it
    /// before it reads the body of a write to a resource named by id.
    /// </summary>
    public static ForbiddenAccessException? RefusalOfOwner(Caller caller, Type requestType, string? ownerSlug)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role == ApiKeyRole.Admin || ownerSlug is null || string.Equals(ownerSlug, caller.RepoSlug, StringComparison.Ordinal))
            return null;
        return Refuse(caller, Describe(requestType), $"it belongs to repo '{ownerSlug}'");
    }

    /// <summary>
    /// The part of the decision that needs only the request's type (and, for a write to one repo,
    /// that repo's slug when it is known before the request is read): the HTTP layer asks it before
    /// it reads a body, and MCP before it checks a tool's arguments, so that a key without the right
    /// gets its 403 even for a body or arguments that would not bind. <see cref="DemandAsync"/> asks
    /// it first too, so all agree.
    /// </summary>
    /// <returns>The refusal to throw, or null when the type alone does not refuse the caller.</returns>
    public static ForbiddenAccessException? RefusalByType(Caller caller, Type requestType, string? repoSlug)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(requestType);
        if (caller.Role == ApiKeyRole.Admin)
            return null;

        var what = Describe(requestType);
        if (typeof(IAdminOnlyRequest).IsAssignableFrom(requestType))
            return Refuse(caller, what, "only admin keys may do that");
        if (!typeof(ICommandMarker).IsAssignableFrom(requestType))
            return null;
        if (!MayWrite(caller))
            return Refuse(caller, what, "it only reads");
        if (!typeof(IRepoScopedRequest).IsAssignableFrom(requestType) && !typeof(IRepoOwnedRequest).IsAssignableFrom(requestType))
            return Refuse(caller, what, "only admin keys may do that");
        if (repoSlug is not null && typeof(IRepoScopedRequest).IsAssignableFrom(requestType) && !string.Equals(repoSlug, caller.RepoSlug, StringComparison.Ordinal))
            return Refuse(caller, what, $"it belongs to repo '{repoSlug}'");
        return null;
    }

    /// <summary>Admins write anything; an agent bound to a repo writes what belongs to it; a reader nothing.</summary>
    private static bool MayWrite(Caller caller) =>
        caller.Role == ApiKeyRole.Admin || (caller.Role == ApiKeyRole.Agent && caller.RepoSlug is not null);

    private static ForbiddenAccessException Refuse(Caller caller, string what, string why) =>
        new($"Forbidden: {what} is not allowed for this key ({why}). {caller.Describe()}");

    /// <summary>"CreateGoal" from CreateGoalCommand, for the detail.</summary>
    private static string Describe(Type requestType)
    {
        var name = requestType.Name;
        foreach (var suffix in new[] { "Command", "Query" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
                return name[..^suffix.Length];
        }

        return name;
    }
}
