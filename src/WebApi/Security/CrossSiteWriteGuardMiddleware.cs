using Microsoft.Net.Http.Headers;
using StateHub.WebApi.Infrastructure;
using StateHub.WebApi.Mcp;

namespace StateHub.WebApi.Security;

/// <summary>
/// Refuses a write (any method but GET, HEAD, OPTIONS, TRACE) sent by a browser page of another
/// site: <c>Sec-Fetch-Site</c> says <c>cross-site</c> or <c>same-site</c>, or, from a browser that
/// does not send it, an <c>Origin</c> that is not this host's. Such a page can send a "simple"
/// request (a form, a body-less POST, a body with no Content-Type) with no CORS preflight, and a
/// caller without a key may act as admin (Development on loopback, <c>Auth:AllowAnonymous</c>).
/// Agents and other programs send neither header and pass; the dashboard and the Swagger console
/// are same-origin. <c>/mcp</c> has its own allow-list (<see cref="McpOriginValidationMiddleware"/>).
/// </summary>
public sealed class CrossSiteWriteGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<RequireAllowedOriginMetadata>() is not null
            || FromThisSite(request))
        {
            await next(context);
            return;
        }

        await ProblemWriter.WriteAsync(context, Problems.Create(StatusCodes.Status403Forbidden, "Forbidden",
            "Writes from a page of another site are refused (Sec-Fetch-Site or Origin say where it came from). "
            + "Call the API from a program, which sends neither header, or from the hub's own pages."));
    }

    private static bool FromThisSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
            return site is "same-origin" or "none";
        if (!request.Headers.TryGetValue(HeaderNames.Origin, out var origin))
            return true;
        return string.Equals(origin.ToString().TrimEnd('/'), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
