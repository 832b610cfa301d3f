using Microsoft.Net.Http.Headers;

namespace StateHub.WebApi.Operations;

/// <summary>
/// <c>GET /</c> leads to the dashboard (§16): every client is redirected there, without a key (the
/// dashboard asks for one), except an API client that asks for JSON only (<c>Accept:
/// application/json</c>, no HTML), which gets a small JSON index of where things are.
/// </summary>
public static class RootEndpoint
{
    public const string Path = "/";

    public static void MapStateHubRoot(this WebApplication app)
    {
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
        {
            context.Response.Headers.Vary = HeaderNames.Accept;
            if (!WantsJsonOnly(context.Request))
                return Results.Redirect("/dashboard");
            return Results.Json(Index(app.Configuration));
        }).ExcludeFromDescription();
    }

    private static bool WantsJsonOnly(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(media => media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(media => media.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, object?> Index(IConfiguration configuration)
    {
        var links = new Dictionary<string, string> { ["dashboard"] = "/dashboard" };
        if (configuration.GetValue("OpenApi:Enabled", true))
        {
            links["swagger"] = "/swagger";
            links["openapi"] = "/swagger/v1/swagger.json";
        }

        if (configuration.GetValue("Mcp:Enabled", true))
            links["mcp"] = "/mcp";
        links["health_live"] = "/health/live";
        links["health_ready"] = "/health/ready";
        if (configuration.GetValue("Metrics:Enabled", true) && configuration["Metrics:Port"] is null)
            links["metrics"] = "/metrics";
        return new Dictionary<string, object?>
        {
            ["name"] = "State Hub",
            ["version"] = typeof(RootEndpoint).Assembly.GetName().Version?.ToString(3),
            ["links"] = links,
        };
    }
}
