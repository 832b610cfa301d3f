using Microsoft.AspNetCore.Mvc;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Refuses query values carrying a NUL character (<c>%00</c>): PostgreSQL cannot compare or store
/// it, and a client sending one gets a 422 naming the parameter rather than a server error.
/// </summary>
public sealed class RejectNulCharactersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            if (key.Contains('\0') || values.Any(v => v is not null && v.Contains('\0')))
            {
                var name = key.Replace("\0", string.Empty, StringComparison.Ordinal);
                return ProblemWriter.WriteAsync(context, new ValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [name] = ["Query values must not contain the NUL character (%00)."],
                })
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "Validation failed",
                    Detail = $"{name}: Query values must not contain the NUL character (%00).",
                });
            }
        }

        return next(context);
    }
}
