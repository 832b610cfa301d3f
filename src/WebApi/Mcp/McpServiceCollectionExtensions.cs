using ModelContextProtocol.Protocol;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// MCP over Streamable HTTP on <see cref="McpOptions.Path"/>: the same operations as the HTTP API,
/// as tools that send the controllers' MediatR requests. Stateless, so any node can answer any
/// call and nodes scale out without session affinity.
/// </summary>
public static class McpServiceCollectionExtensions
{
    public static IServiceCollection AddStateHubMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<McpOptions>()
            .Bind(configuration.GetSection(McpOptions.SectionName))
            .Validate(
                options => options.AllowedOrigins.All(McpOriginValidationMiddleware.IsValidPattern),
                $"Every {McpOptions.SectionName}:AllowedOrigins entry must be an origin, scheme://host[:port], or scheme://host:* for any port.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation
                {
                    Name = "state-hub",
                    Title = "State Hub",
                    Version = typeof(McpServiceCollectionExtensions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                };
                options.ServerInstructions =
                    "State Hub coordinates a fleet of repositories worked on by AI agents. At the start of a session call "
                    + "get_dispatch with your repo's slug to learn your goal, workstreams, pending tasks, interface changes that "
                    + "affect you and unread inbox messages. Results are the HTTP API's JSON (snake_case). A failed call returns "
                    + "isError with the reason in the text; fix the arguments and call again.";
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools(McpToolCatalog.Create())
            .WithRequestFilters(filters => filters.AddCallToolFilter(McpToolCallFilter.Wrap));
        return services;
    }

    /// <summary>Maps the MCP endpoint behind the Origin check, unless <c>Mcp:Enabled</c> is false.</summary>
    public static WebApplication MapStateHubMcp(this WebApplication app)
    {
        if (!app.Configuration.GetSection(McpOptions.SectionName).GetValue(nameof(McpOptions.Enabled), true))
            return app;

        app.UseMiddleware<McpOriginValidationMiddleware>();
        app.MapMcp(McpOptions.Path).WithMetadata(new RequireAllowedOriginMetadata()).ExcludeFromDescription();
        return app;
    }
}
