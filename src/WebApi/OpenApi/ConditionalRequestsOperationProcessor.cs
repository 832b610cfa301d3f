using Microsoft.AspNetCore.Mvc;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using StateHub.Application.Common.Concurrency;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Documents optimistic concurrency wherever it applies, by one rule instead of per action: a
/// success response carrying a versioned resource (<see cref="IVersionedDto"/>) sends its
/// <c>ETag</c> header; an operation that changes such a resource in place (a PATCH, or a POST
/// answering 200 with it) takes an optional <c>If-Match</c> header and answers 409 when it is stale.
/// The controllers pass <c>If-Match</c> to exactly those operations' commands.
/// </summary>
internal sealed class ConditionalRequestsOperationProcessor : IOperationProcessor
{
    public const string IfMatchHeader = "If-Match";

    public const string ETagHeader = "ETag";

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription: { } api })
            return true;

        var operation = context.OperationDescription.Operation;
        var versioned = api.SupportedResponseTypes
            .Where(r => r.StatusCode is >= 200 and < 300 && r.Type is not null && typeof(IVersionedDto).IsAssignableFrom(r.Type))
            .Select(r => r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

        foreach (var code in versioned)
        {
            if (operation.Responses.TryGetValue(code, out var response))
            {
                response.Headers[ETagHeader] = new OpenApiHeader
                {
                    Description = "The resource's version, a strong entity tag derived from `updated_at`; send it back in `If-Match` to change the resource only if nobody else has.",
                    Schema = new JsonSchema { Type = JsonObjectType.String },
                };
            }
        }

        var method = context.OperationDescription.Method;
        var notConditional = api.ActionDescriptor.EndpointMetadata.OfType<NotConditionalAttribute>().Any();
        if (!notConditional && versioned.Contains("200") && method is OpenApiOperationMethod.Patch or OpenApiOperationMethod.Post)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IfMatchHeader,
                Kind = OpenApiParameterKind.Header,
                IsRequired = false,
                Description =
                    "Change the resource only if its current `ETag` is listed (or `*`). Absent: no precondition. " +
                    "A stale or malformed value is a 409 and nothing changes.",
                Schema = new JsonSchema { Type = JsonObjectType.String },
            });
            if (!operation.Responses.ContainsKey("409"))
            {
                var conflict = new OpenApiResponse();
                conflict.Content[OperationConventionsProcessor.ProblemMediaType] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateWithReferenceAndNullability<JsonSchema>(
                        typeof(ProblemDetails).ToContextualType(), isNullable: false, context.SchemaResolver),
                };
                operation.Responses["409"] = conflict;
            }
        }

        return true;
    }
}
