using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Filters;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The action's answer shows a secret once (an API key, a webhook secret: §10, §11). The copy that
/// <see cref="IdempotencyMiddleware"/> keeps for replays has these JSON properties set to null, so
/// the database never holds the secret and a retry learns that the request succeeded without being
/// shown the secret a second time. As a result filter it also marks the answer <c>Cache-Control:
/// no-store</c>, so no cache on the way keeps it either.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneTimeSecretAttribute(params string[] properties) : Attribute, IResultFilter
{
    public IReadOnlyList<string> Properties { get; } = properties;

    public void OnResultExecuting(ResultExecutingContext context) =>
        context.HttpContext.Response.Headers.CacheControl = "no-store";

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    /// <summary>The body with the secret properties nulled; a body that is not a JSON object (a problem has no secret) as it is.</summary>
    public byte[] Redact(byte[] body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        if (node is not JsonObject json)
            return body;
        foreach (var property in Properties.Where(json.ContainsKey))
            json[property] = null;
        return JsonSerializer.SerializeToUtf8Bytes(json);
    }
}
