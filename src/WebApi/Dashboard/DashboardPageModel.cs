using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace StateHub.WebApi.Dashboard;

/// <summary>
/// Base of every dashboard page: pages read through the same MediatR queries the API controllers
/// send, and are served with a policy that lets no script run, so even a value that escaped
/// HTML encoding could not act.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public abstract class DashboardPageModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    protected IMediator Mediator { get; } = mediator;

    /// <summary>The moment the page is rendered for; relative dates ("3 days ago") count from it.</summary>
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        ViewData["Now"] = Now;
    }

    /// <summary>Renders this page's "not found" state with a 404 status, as HTML rather than problem JSON.</summary>
    protected PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
