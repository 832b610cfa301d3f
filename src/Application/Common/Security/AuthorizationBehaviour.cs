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
        if (caller.Role == ApiKeyRole.Admin)
            return;

        var what = Describe(request);
        if (request is IAdminOnlyRequest)
            throw Refuse(caller, what, "only admin keys may do that");

        var writes = request is ICommandMarker;
        if (!writes)
            return;

        if (caller.Role != ApiKeyRole.Agent || caller.RepoSlug is null)
            throw Refuse(caller, what, "it only reads");

        string[] owned = request switch
        {
            IRepoScopedRequest scoped => new[] { scoped.RepoSlug },
            IRepoOwnedRequest owner => await resolver.ResolveRepoSlugAsync(owner.AccessTarget, cancellationToken) is { } slug
                ? new[] { slug }
                // The target does not exist: nothing can be changed, and the handler answers 404.
                : Array.Empty<string>(),
            _ => throw Refuse(caller, what, "only admin keys may do that"),
        };
        foreach (var slug in owned)
        {
            if (!string.Equals(slug, caller.RepoSlug, StringComparison.Ordinal))
                throw Refuse(caller, what, $"it belongs to repo '{slug}'");
        }
    }

    private static ForbiddenAccessException Refuse(Caller caller, string what, string why) =>
        new($"Forbidden: {what} is not allowed for this key ({why}). {caller.Describe()}");

    /// <summary>"CreateGoal" from CreateGoalCommand, for the detail.</summary>
    private static string Describe(object request)
    {
        var name = request.GetType().Name;
        foreach (var suffix in new[] { "Command", "Query" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
                return name[..^suffix.Length];
        }

        return name;
    }
}
