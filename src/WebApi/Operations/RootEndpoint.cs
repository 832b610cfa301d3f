namespace StateHub.WebApi.Operations;

/// <summary>
/// <c>GET /</c> leads to the dashboard (§16), for every client and without a key: the redirect
/// says nothing, and the dashboard asks for a key (or sends the browser to its sign-in form).
/// </summary>
public static class RootEndpoint
{
    public const string Path = "/";

    public static void MapStateHubRoot(this WebApplication app) =>
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], () => Results.Redirect("/dashboard")).ExcludeFromDescription();
}
