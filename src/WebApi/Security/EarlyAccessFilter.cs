using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Security;
using StateHub.Domain.Access;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Security;

/// <summary>
/// §10: a key without the right is refused (403) "before any other check", and MVC reads, binds
/// and checks a request's body, route and query before the pipeline's
/// <see cref="AuthorizationBehaviour{TRequest,TResponse}"/> sees the command. This filter runs
/// before any of that (an authorization filter) and asks <see cref="EarlyAccess"/>, so a reader
/// posting a body that would not bind, or naming a resource by an id that is not a UUID, gets the
/// 403, not a 400 or 422. Everything the request's type cannot tell (which repo a goal belongs to)
/// is still decided in the pipeline; a write to a resource named by its id in the route (a task, a
/// goal) is decided here too, for an agent key, by looking up which repo owns it.
/// </summary>
internal sealed class EarlyAccessFilter(ExceptionProblemTranslator translator) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (await EarlyAccess.RefusalAsync(context.HttpContext, context.ActionDescriptor) is { } refusal)
            context.Result = new ProblemResult(translator.Translate(refusal, EarlyAccess.Operation(context.HttpContext)));
    }
}

/// <summary>
/// The access decision that can be made before a request is read: the request type an action
/// sends (its body command, or what <see cref="SendsAttribute"/> names), and the repo a route
/// names, given to <see cref="AccessPolicy.RefusalByType"/>. Asked by
/// <see cref="EarlyAccessFilter"/>, and by <see cref="IdempotencyMiddleware"/> before it refuses a
/// malformed <c>Idempotency-Key</c>.
/// </summary>
public static class EarlyAccess
{
    private static readonly ConcurrentDictionary<string, Type?> RequestTypes = new();
    private static readonly ConcurrentDictionary<Type, AccessTargetKind?> OwnedKinds = new();
    private static readonly ConcurrentDictionary<Type, string?> BodyRepoMembers = new();

    /// <summary>
    /// <see cref="Refusal"/>, and for an agent writing to a resource its route names by
    /// <c>{id}</c>, the refusal when that resource belongs to another repo (one lookup of the owner
    /// per request here; the pipeline's own check, before the write's transaction, looks it up again).
    /// </summary>
    public static async ValueTask<ForbiddenAccessException?> RefusalAsync(HttpContext httpContext, ActionDescriptor? descriptor)
    {
        if (Refusal(httpContext, descriptor) is { } refusal)
            return refusal;
        if (await BodyNamedRepoRefusalAsync(httpContext, descriptor) is { } bodyRefusal)
            return bodyRefusal;
        if (descriptor is not ControllerActionDescriptor action
            || RequestTypes.GetOrAdd(action.Id, _ => RequestType(action)) is not { } requestType
            || OwnedKinds.GetOrAdd(requestType, OwnedKind) is not { } kind
            || HttpCurrentCaller.Get(httpContext) is not { Role: ApiKeyRole.Agent } caller
            || !Guid.TryParse(httpContext.Request.RouteValues["id"] as string, out var id))
            return null;

        // Asked by the idempotency middleware and by the filter: the owner is looked up once per request.
        var target = new AccessTarget(kind, id);
        if (httpContext.Items.TryGetValue(typeof(KnownOwner), out var item) && item is KnownOwner known && known.Target == target)
            return AccessPolicy.RefusalOfOwner(caller, requestType, known.Owner);
        var resolver = httpContext.RequestServices.GetRequiredService<IAccessTargetResolver>();
        var owner = await resolver.ResolveRepoSlugAsync(target, httpContext.RequestAborted);
        httpContext.Items[typeof(KnownOwner)] = new KnownOwner(target, owner);
        return AccessPolicy.RefusalOfOwner(caller, requestType, owner);
    }

    private sealed record KnownOwner(AccessTarget Target, string? Owner);

    /// <summary>The most of a body <see cref="BodyNamedRepoRefusalAsync"/> reads; a larger one is left to the reader and the pipeline.</summary>
    private const int EarlyBodyLookLimit = 1 << 20;

    /// <summary>
    /// For an agent, a repo-scoped write whose repo is named in its body, not its route
    /// (<c>POST /interface-changes/</c>: <c>origin_repo_slug</c>): the refusal when the body names
    /// another repo (any occurrence of the field, if it is given twice), read from the buffered body in
    /// its declared charset before the strict reader refuses an unknown field or a wrong type (§10:
    /// the 403 comes first). Only the top level is scanned, without building a document. A body that
    /// is not JSON, is over <see cref="EarlyBodyLookLimit"/> or names no repo as a string is left to
    /// the reader and the pipeline.
    /// </summary>
    private static async ValueTask<ForbiddenAccessException?> BodyNamedRepoRefusalAsync(HttpContext httpContext, ActionDescriptor? descriptor)
    {
        if (descriptor is not ControllerActionDescriptor action
            || HttpCurrentCaller.Get(httpContext) is not { Role: ApiKeyRole.Agent } caller
            || RequestTypes.GetOrAdd(action.Id, _ => RequestType(action)) is not { } requestType
            || RouteRepoSlug(httpContext, action) is not null
            || BodyRepoMember(requestType) is not { } member
            || httpContext.Request.ContentLength > EarlyBodyLookLimit)
            return null;

        var request = httpContext.Request;
        request.EnableBuffering();
        var body = System.Buffers.ArrayPool<byte>.Shared.Rent(EarlyBodyLookLimit + 1);
        try
        {
            var length = await request.Body.ReadAtLeastAsync(body.AsMemory(0, EarlyBodyLookLimit + 1), EarlyBodyLookLimit + 1, throwOnEndOfStream: false, httpContext.RequestAborted);
            if (length > EarlyBodyLookLimit || Utf8Json(body.AsMemory(0, length), request.ContentType) is not { } json)
                return null;
            return FirstRefusal(json.Span, member, caller, requestType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException
                                       or System.Text.DecoderFallbackException or System.Text.EncoderFallbackException or IOException)
        {
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(body);
            request.Body.Position = 0;
        }
    }

    /// <summary>The body as UTF-8 without a byte order mark, decoded from the charset of <paramref name="contentType"/> (strictly); null when it cannot be.</summary>
    private static ReadOnlyMemory<byte>? Utf8Json(ReadOnlyMemory<byte> body, string? contentType)
    {
        var charset = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ? mediaType.Charset.Value?.Trim('"') : null;
        if (!string.IsNullOrEmpty(charset) && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            body = StrictJsonInputFormatter.ToUtf8(body.Span, System.Text.Encoding.GetEncoding(charset));

        return body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;
    }

    /// <summary>The refusal for the first top-level <paramref name="member"/> naming a repo the caller may not write for.</summary>
    private static ForbiddenAccessException? FirstRefusal(ReadOnlySpan<byte> json, string member, Caller caller, Type requestType)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            return null;
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var named = reader.ValueTextEquals(member);
            reader.Read();
            if (named && reader.TokenType == System.Text.Json.JsonTokenType.String
                && AccessPolicy.RefusalByType(caller, requestType, reader.GetString()) is { } refusal)
                return refusal;
            reader.Skip();
        }

        return null;
    }

    /// <summary>
    /// The JSON name of the body field a repo-scoped request takes its repo from, learnt once per type
    /// from the request itself (as <see cref="OwnedKind"/>): a blank instance whose strings are their
    /// own property names answers which one <see cref="IRepoScopedRequest.RepoSlug"/> reads. Null
    /// for requests that are not repo-scoped or whose repo comes from elsewhere.
    /// </summary>
    public static string? BodyRepoMember(Type requestType) => BodyRepoMembers.GetOrAdd(requestType, FindBodyRepoMember);

    private static string? FindBodyRepoMember(Type requestType)
    {
        if (!typeof(IRepoScopedRequest).IsAssignableFrom(requestType))
            return null;
        try
        {
            var request = (IRepoScopedRequest)RuntimeHelpers.GetUninitializedObject(requestType);
            var strings = requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.CanWrite).ToList();
            foreach (var property in strings)
                property.SetValue(request, property.Name);
            return strings.FirstOrDefault(p => p.Name == request.RepoSlug) is { } source
                && source.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null
                ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(source.Name)
                : null;
        }
        catch (Exception ex) when (ex is TargetInvocationException or NullReferenceException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The kind of resource an id-owned request names by the route's <c>{id}</c>, learnt once per
    /// request type from the request itself, so that it is declared in one place (its
    /// <see cref="IRepoOwnedRequest.AccessTarget"/>): a blank instance whose ids are all one probe
    /// value answers which kind its target is. Null when the request is not owned by such an id.
    /// </summary>
    public static AccessTargetKind? OwnedKind(Type requestType)
    {
        if (!typeof(IRepoOwnedRequest).IsAssignableFrom(requestType))
            return null;
        var probe = new Guid("0badc0de-0000-4000-8000-000000000000");
        try
        {
            var request = (IRepoOwnedRequest)RuntimeHelpers.GetUninitializedObject(requestType);
            foreach (var property in requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(Guid) && p.CanWrite))
                property.SetValue(request, probe);
            var target = request.AccessTarget;
            return target.Id == probe ? target.Kind : null;
        }
        catch (Exception ex) when (ex is TargetInvocationException or NullReferenceException or InvalidOperationException or ArgumentException)
        {
            // A request whose target cannot be read from a blank instance is decided in the
            // pipeline only (EarlyRefusalTests lists every id-owned write, so none is left out unseen).
            return null;
        }
    }

    public static ForbiddenAccessException? Refusal(HttpContext httpContext, ActionDescriptor? descriptor)
    {
        if (descriptor is not ControllerActionDescriptor action || RequestTypes.GetOrAdd(action.Id, _ => RequestType(action)) is not { } requestType)
            return null;
        if (HttpCurrentCaller.Get(httpContext) is not { } caller)
            return null;

        return AccessPolicy.RefusalByType(caller, requestType, RouteRepoSlug(httpContext, action));
    }

    /// <summary>
    /// The repo a route names: <c>repos/{slug}/…</c>, or the <c>{repo_slug}</c> of
    /// <c>interface-changes/{id}/acknowledgements/{repo_slug}</c> (the repo a scoped request writes for).
    /// </summary>
    private static string? RouteRepoSlug(HttpContext httpContext, ControllerActionDescriptor action)
    {
        var template = action.AttributeRouteInfo?.Template;
        if (template is null)
            return null;
        if (template.StartsWith("repos/{slug}", StringComparison.OrdinalIgnoreCase))
            return httpContext.Request.RouteValues["slug"] as string;
        return template.Contains("{repo_slug}", StringComparison.OrdinalIgnoreCase) ? httpContext.Request.RouteValues["repo_slug"] as string : null;
    }

    public static string Operation(HttpContext httpContext) => $"{httpContext.Request.Method} {httpContext.Request.Path}";

    /// <summary>The action's body command, else the request its <see cref="SendsAttribute"/> names.</summary>
    public static Type? RequestType(ControllerActionDescriptor action) =>
        action.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body && typeof(IBaseRequest).IsAssignableFrom(p.ParameterType))?.ParameterType
        ?? action.MethodInfo.GetCustomAttribute<SendsAttribute>()?.RequestType;
}

/// <summary>
/// Names the request an action sends when it does not take that request as its body (a body-less
/// write such as <c>POST /interface-changes/{id}/publish</c>, or an admin-only read), or the request
/// a writing MCP tool sends, so the access decision that needs only the type is made before the
/// route and query, or the tool's arguments, are bound (§10).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SendsAttribute(Type requestType) : Attribute
{
    public Type RequestType { get; } = requestType;
}
