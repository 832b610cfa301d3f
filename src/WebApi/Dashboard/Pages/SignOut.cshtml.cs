using MediatR;
using Microsoft.AspNetCore.Mvc;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>Ends the dashboard session: drops the cookie and sends the browser (303) to the sign-in form.</summary>
[IgnoreAntiforgeryToken]
public sealed class SignOutModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    public IActionResult OnGet() => SignOutAndLeave();

    public IActionResult OnPost() => SignOutAndLeave();

    private StatusCodeResult SignOutAndLeave()
    {
        Response.Cookies.Delete(ApiKeyAuthenticator.CookieName, new CookieOptions { Path = "/dashboard" });
        Response.Headers.Location = ApiKeyAuthenticationMiddleware.SignInPath;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
