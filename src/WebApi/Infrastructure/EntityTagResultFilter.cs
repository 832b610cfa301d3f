using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using StateHub.Application.Common.Concurrency;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Sends the <c>ETag</c> of every versioned resource an action answers with (a GET of one, or the
/// result of creating or changing it), so a client can make its next change conditional with
/// <c>If-Match</c>. Registered once for all controllers; problem responses carry no tag.
/// </summary>
internal sealed class EntityTagResultFilter : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: IVersionedDto resource } result && result.StatusCode is null or (>= 200 and < 300))
            context.HttpContext.Response.Headers.ETag = EntityTag.For(resource.UpdatedAt);
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
