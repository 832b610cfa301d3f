using Microsoft.AspNetCore.Mvc;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Documents <c>Idempotency-Key</c> (§15) where <see cref="IdempotencyMiddleware"/> honours it: every
/// POST operation (the middleware takes any POST outside <c>/mcp</c>, which is not in the document).
/// The operation takes the optional header, answers 409 (the first request with the key still
/// runs) and 422 (the key was used with another request, or is malformed), and its success
/// responses may carry <c>Idempotent-Replayed: true</c>. Runs after
/// <see cref="OperationConventionsProcessor"/>, so it describes the responses it adds itself.
/// </summary>
internal sealed class IdempotencyKeyOperationProcessor : IOperationProcessor
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly string Hours = ((int)IdempotencyMiddleware.Lifetime.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string ParameterDescription =
        $"Makes a retry safe: a unique value per intended request (e.g. a UUID), 1–{IdempotencyMiddleware.MaxKeyLength} visible ASCII characters. " +
        $"The first response (status, body, Content-Type, Location, ETag, Link) is stored for {Hours} hours; a retry with the same key, " +
        $"method, path, query and body within that window gets it replayed byte for byte, with `{ReplayedHeader}: true`, and nothing runs again. " +
        "The same key with another request is a 422; while the first request with the key is still running, a 409 (retry shortly). " +
        "5xx answers are not stored, so a retry after one runs again. Keys are scoped per API key. Absent: every request runs.";

    public bool Process(OperationProcessorContext context)
    {
        if (context.OperationDescription.Method != OpenApiOperationMethod.Post)
            return true;

        var operation = context.OperationDescription.Operation;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.HeaderName,
            Kind = OpenApiParameterKind.Header,
            IsRequired = false,
            Description = ParameterDescription,
            Schema = new JsonSchema
            {
                Type = JsonObjectType.String,
                MinLength = 1,
                MaxLength = IdempotencyMiddleware.MaxKeyLength,
                Pattern = "^[!-~]+$",
            },
        });

        Describe(context, 409, typeof(ProblemDetails), "Conflict.",
            $"Also: a request with this `{IdempotencyMiddleware.HeaderName}` is still being processed; retry shortly to get its response.");
        Describe(context, 422, typeof(ValidationProblemDetails), "Validation failed: `errors` maps each offending field to its messages.",
            $"Also: the `{IdempotencyMiddleware.HeaderName}` was already used with another request, or is malformed.");

        foreach (var (code, response) in operation.Responses)
        {
            if (code.StartsWith('2'))
            {
                response.Headers[ReplayedHeader] = new OpenApiHeader
                {
                    Description = $"`true` when this is the stored response to an earlier request with the same `{IdempotencyMiddleware.HeaderName}`.",
                    Schema = new JsonSchema { Type = JsonObjectType.String, Enumeration = { "true" } },
                };
            }
        }

        return true;
    }

    /// <summary>Adds <paramref name="sentence"/> to the problem response <paramref name="status"/>, creating it when the operation lacks it.</summary>
    private static void Describe(OperationProcessorContext context, int status, Type problemType, string fallback, string sentence)
    {
        var responses = context.OperationDescription.Operation.Responses;
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!responses.TryGetValue(code, out var response))
        {
            response = new OpenApiResponse { Description = fallback };
            response.Content[OperationConventionsProcessor.ProblemMediaType] = new OpenApiMediaType
            {
                Schema = context.SchemaGenerator.GenerateWithReferenceAndNullability<JsonSchema>(problemType.ToContextualType(), isNullable: false, context.SchemaResolver),
            };
            responses[code] = response;
        }

        if (!(response.Description ?? string.Empty).Contains(IdempotencyMiddleware.HeaderName, StringComparison.Ordinal))
            response.Description = $"{response.Description?.TrimEnd()} {sentence}".Trim();
    }
}
