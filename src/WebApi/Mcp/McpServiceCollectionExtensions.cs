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
                    "State Hub coordinates a fleet of code repositories worked on by AI agents: goals, workstreams and tasks per "
                    + "repo, interface changes between repos, and each repo's inbox. First learn your repo's slug with find_repos "
                    + "(hash = `git rev-list --max-parents=0 HEAD`, and/or remote_url), then call get_dispatch with it: your goal, "
                    + "open tasks, what needs a human, interface changes to react to (answer each with "
                    + "acknowledge_interface_change) and unread inbox messages (list_inbox, mark_inbox_read). Mark work with "
                    + "update_task. Results are the HTTP API's JSON (snake_case); a failed call returns isError with the reason.";
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools(McpToolCatalog.Create())
            .WithMessageFilters(filters => filters.AddIncomingFilter(McpParamsGuard.Wrap))
            .WithRequestFilters(filters => filters.AddCallToolFilter(McpToolCallFilter.Wrap));
        return services;
    }

    /// <summary>Maps the MCP endpoint behind the Origin check and the body check, unless <c>Mcp:Enabled</c> is false.</summary>
    public static WebApplication MapStateHubMcp(this WebApplication app)
    {
        if (!app.Configuration.GetSection(McpOptions.SectionName).GetValue(nameof(McpOptions.Enabled), true))
            return app;

        app.UseMiddleware<McpOriginValidationMiddleware>();
        app.UseMiddleware<McpRequestBodyMiddleware>();
        app.MapMcp(McpOptions.Path)
            .WithMetadata(new RequireAllowedOriginMetadata(), new McpRequestBodyMetadata())
            .ExcludeFromDescription();
        return app;
    }
}
