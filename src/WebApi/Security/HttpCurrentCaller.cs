using StateHub.Application.Common.Security;
using StateHub.Domain.Access;
using StateHub.WebApi.Operations;

namespace StateHub.WebApi.Security;

/// <summary>The caller the authentication middleware put on the current request; <see cref="Caller.System"/> outside a request.</summary>
public sealed class HttpCurrentCaller(IHttpContextAccessor accessor) : ICurrentCaller
{
    private static readonly object ItemKey = new();

    /// <summary>A request that passed no authentication (an exempt path) may only read.</summary>
    private static readonly Caller Unauthenticated = new(ApiKeyRole.Reader, null, "anonymous");

    public Caller Caller => accessor.HttpContext is { } context ? Get(context) ?? Unauthenticated : Caller.System;

    public static Caller? Get(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as Caller : null;

    /// <summary>Puts the caller on the request, and its key's name (never the key) where the request log line reads it.</summary>
    public static void Set(HttpContext context, Caller caller)
    {
        context.Items[ItemKey] = caller;
        context.Items[RequestLoggingMiddleware.KeyNameItem] = caller.Actor;
    }
}
