using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace StateHub.WebApi.Infrastructure;

/// <summary>Problems for responses that left the pipeline with a bare error status (no route, wrong method, wrong media type).</summary>
public static class StatusCodeProblems
{
    public static ProblemDetails For(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var request = context.Request;
        return new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.GetReasonPhrase(status),
            Detail = status switch
            {
                StatusCodes.Status404NotFound => $"No resource at {request.Method} {request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "The request failed.",
            },
            Instance = request.Path,
        };
    }
}
