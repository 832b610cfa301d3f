using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>
/// The dashboard's sign-in form: a valid key (reader or more) becomes an HttpOnly, SameSite=Strict
/// session cookie, and the browser is sent (303) to the fleet page. The key never appears in a URL
/// or a page. The form needs no antiforgery token: the cookie it sets is SameSite=Strict, so no
/// other site can ride on it.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SignInModel(IMediator mediator, TimeProvider clock, ApiKeyAuthenticator authenticator) : DashboardPageModel(mediator, clock)
{
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Read from the form itself: the API's model binding has no form value providers (§15: a
        // form body never binds to an API action), and this is the one form the hub accepts.
        IFormCollection? form;
        try
        {
            form = Request.HasFormContentType ? await Request.ReadFormAsync(cancellationToken) : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or BadHttpRequestException)
        {
            // A form the server cannot read (a NUL in a value, a broken multipart body, too many or
            // too long fields) is the client's fault (§15), answered with the form again.
            Error = "The form could not be read. Paste an API key into the field and send the form again.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var key = form?["api_key"].ToString().Trim();
        if (string.IsNullOrEmpty(key))
            return Refuse("Paste an API key to sign in.");

        var outcome = await authenticator.AuthenticateAsync(key, cancellationToken);
        if (outcome.Caller is null)
            return Refuse(outcome.Refusal!);

        Response.Cookies.Append(ApiKeyAuthenticator.CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            Path = "/dashboard",
            IsEssential = true,
        });
        Response.Headers.Location = "/dashboard";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private PageResult Refuse(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // Every 401 says how to authenticate (§10), the form's included.
        Response.Headers.WWWAuthenticate = "Bearer";
        return Page();
    }
}
