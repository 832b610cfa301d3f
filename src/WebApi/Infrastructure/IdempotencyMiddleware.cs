using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using StateHub.Application.Common.Abstractions;

namespace StateHub.WebApi.Infrastructure;

/// <summary>What scopes an Idempotency-Key: the caller, so one key's stored responses are never replayed to another.</summary>
public interface IIdempotencyKeyScope
{
    string Of(HttpContext context);
}

/// <summary>The authenticated caller's key id, or its actor name (the bootstrap admin, anonymous).</summary>
public sealed class CallerIdempotencyKeyScope : IIdempotencyKeyScope
{
    public string Of(HttpContext context) => Security.HttpCurrentCaller.Get(context) is { } caller
        ? caller.KeyId?.ToString("N") ?? caller.Actor
        : string.Empty;
}

/// <summary>
/// <c>Idempotency-Key</c> on any POST (§15): the first response (status, Content-Type, Location,
/// ETag, Link, body) is stored in PostgreSQL for 24 hours and replayed byte for byte to a retry with
/// the same key and request; the same key with another request is a 422, and while the first is
/// still running a 409. A 5xx is not stored, so a retry after a server failure runs again. An
/// answer that shows a secret once (<see cref="OneTimeSecretAttribute"/>) is kept without it.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 255;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static readonly string[] StoredHeaders = [HeaderNames.ContentType, HeaderNames.Location, HeaderNames.ETag, HeaderNames.Link, HeaderNames.CacheControl];

    public async Task InvokeAsync(HttpContext context, IIdempotencyStore store, TimeProvider clock, IIdempotencyKeyScope keyScope, ExceptionProblemTranslator translator)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || context.Request.Path.StartsWithSegments("/mcp"))
        {
            await next(context);
            return;
        }

        // A key without the right hears that first (§10: the 403 comes before any other check), not
        // that its Idempotency-Key is malformed, reused or busy; and nothing is stored for it.
        if (await Security.EarlyAccess.RefusalAsync(context, context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>()) is { } refusal)
        {
            await ProblemWriter.WriteAsync(context, translator.Translate(refusal, Security.EarlyAccess.Operation(context)));
            return;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } key || key.Any(c => c is < '!' or > '~'))
        {
            await Refuse(context, StatusCodes.Status422UnprocessableEntity,
                $"{HeaderName} must be one value of 1 to {MaxKeyLength} visible ASCII characters (e.g. a UUID).");
            return;
        }

        context.Request.EnableBuffering();
        using var bodyCopy = new MemoryStream();
        await context.Request.Body.CopyToAsync(bodyCopy, context.RequestAborted);
        context.Request.Body.Position = 0;
        var hash = Hash(context.Request, bodyCopy.ToArray());

        var scope = keyScope.Of(context);
        var now = clock.GetUtcNow();
        var claim = await store.ClaimAsync(scope, key, hash, now, now + Lifetime, context.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Mismatch:
                await Refuse(context, StatusCodes.Status422UnprocessableEntity,
                    $"This {HeaderName} was already used with a different request; use a new key for a new request.");
                return;
            case IdempotencyOutcome.Running:
                await Refuse(context, StatusCodes.Status409Conflict,
                    $"A request with this {HeaderName} is still being processed; retry shortly to get its response.");
                return;
            case IdempotencyOutcome.Replay:
                var stored = claim.Response!;
                context.Response.StatusCode = stored.Status;
                foreach (var (name, value) in stored.Headers)
                    context.Response.Headers[name] = value;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await WriteBodyAsync(context.Response.Body, stored.Body, context.RequestAborted);
                return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }

        context.Response.Body = original;
        var body = buffer.ToArray();
        // Not a final answer: our own fault, or a client that went away (499) and will retry. Nor
        // are a refusal (403) or a rate limit (429): a refused request leaves nothing behind (§10).
        if (context.Response.StatusCode is >= 500 or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests
            || context.RequestAborted.IsCancellationRequested)
            await store.ReleaseAsync(scope, key, CancellationToken.None);
        else
        {
            var headers = StoredHeaders
                .Where(h => context.Response.Headers.ContainsKey(h))
                .ToDictionary(h => h, h => context.Response.Headers[h].ToString());
            var kept = context.GetEndpoint()?.Metadata.GetMetadata<OneTimeSecretAttribute>() is { } secret ? secret.Redact(body) : body;
            await store.CompleteAsync(scope, key, new StoredResponse(context.Response.StatusCode, headers, kept), CancellationToken.None);
        }

        await WriteBodyAsync(original, body, context.RequestAborted);
    }

    /// <summary>
    /// Writes the kept body, if there is one: Kestrel refuses any write, even of nothing, to a 204
    /// (claim-next with nothing ready) or a 304, and closes the connection.
    /// </summary>
    private static async Task WriteBodyAsync(Stream response, byte[] body, CancellationToken cancellationToken)
    {
        if (body.Length > 0)
            await response.WriteAsync(body, cancellationToken);
    }

    /// <summary>What makes two requests "the same": method, path, query and body bytes.</summary>
    private static string Hash(HttpRequest request, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path.Value?.TrimEnd('/').ToLowerInvariant()}\n{request.QueryString}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. head, .. body]));
    }

    /// <summary>A 409 problem, or a 422 validation problem whose <c>errors</c> name the header (every 422 carries <c>errors</c>).</summary>
    private static Task Refuse(HttpContext context, int status, string detail) =>
        ProblemWriter.WriteAsync(context, status == StatusCodes.Status409Conflict
            ? Problems.Create(status, "Conflict", detail)
            : new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(new Dictionary<string, string[]> { [HeaderName] = [detail] })
            {
                Status = status,
                Title = "Validation failed",
                Detail = detail,
            });
}
