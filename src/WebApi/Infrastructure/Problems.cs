using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The one place problems are made: plain and validation problems, the default detail of a bare
/// error status, the "first five errors" summary and the <c>trace_id</c> every problem carries.
/// </summary>
public static class Problems
{
    /// <summary>How many fields a validation problem's <c>detail</c> names.</summary>
    public const int SummarisedErrors = 5;

    public static ProblemDetails Create(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    /// <summary>A validation problem whose <c>detail</c> summarises the first errors, or is <paramref name="emptyDetail"/> when there are none.</summary>
    public static ValidationProblemDetails Validation(
        IReadOnlyDictionary<string, string[]> errors,
        string emptyDetail = "One or more fields are invalid.",
        int status = StatusCodes.Status422UnprocessableEntity,
        string title = "Validation failed") =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = status,
            Title = title,
            Detail = errors.Count == 0 ? emptyDetail : Summary(errors),
        };

    /// <summary>"field: message. other: message." for the first <see cref="SummarisedErrors"/> fields (an empty key is the body).</summary>
    public static string Summary(IEnumerable<KeyValuePair<string, string[]>> errors) =>
        string.Join(" ", errors.Take(SummarisedErrors).Select(e => $"{(e.Key.Length == 0 ? "body" : e.Key)}: {string.Join(" ", e.Value)}"));

    /// <summary>A problem for a response that left the pipeline with a bare error status (no route, wrong method, wrong media type).</summary>
    public static ProblemDetails ForStatus(HttpContext context)
    {
        var status = context.Response.StatusCode;
        return new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.GetReasonPhrase(status),
            Detail = DefaultDetail(status, context.Request)
                ?? (ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "The request failed."),
            Instance = context.Request.Path,
        };
    }

    /// <summary>
    /// Gives every problem the same finish: the type and title of its status (the RFC section, as
    /// ASP.NET gives them), its instance, a <c>trace_id</c> (in place of ASP.NET's <c>traceId</c>) and
    /// a <c>detail</c>, which Python clients read, even for one MVC makes from a bare status.
    /// </summary>
    public static void Complete(ProblemDetails problem, HttpContext httpContext)
    {
        if (problem.Status is { } status
            && httpContext.RequestServices.GetService<IOptions<ApiBehaviorOptions>>()?.Value.ClientErrorMapping.TryGetValue(status, out var mapping) == true)
        {
            problem.Type ??= mapping.Link;
            problem.Title ??= mapping.Title;
        }

        problem.Instance ??= httpContext.Request.Path;
        // ASP.NET's defaults know no type for 429; RFC 6585 defines it.
        if (problem.Status == StatusCodes.Status429TooManyRequests)
            problem.Type ??= "https://tools.ietf.org/html/rfc6585#section-4";
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = TraceId(httpContext);
        if (string.IsNullOrWhiteSpace(problem.Detail))
            problem.Detail = DefaultDetail(problem.Status, httpContext.Request) ?? problem.Title ?? "The request failed.";
    }

    /// <summary>
    /// The id a client quotes to find a failure: the W3C trace id of the current activity (32 hex
    /// digits), the same value every log line of the request carries as <c>TraceId</c> and the trace
    /// exported over OTLP has; the request's own identifier when there is no activity.
    /// </summary>
    public static string? TraceId(HttpContext? httpContext = null) =>
        Activity.Current is { } activity && activity.TraceId != default
            ? activity.TraceId.ToHexString()
            : httpContext?.TraceIdentifier;

    private static string? DefaultDetail(int? status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => $"No resource at {request.Method} {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        _ => null,
    };
}
