namespace StateHub.WebApi.Mcp;

/// <summary>Settings of the MCP endpoint (configuration section <c>Mcp</c>).</summary>
public sealed class McpOptions
{
    public const string SectionName = "Mcp";

    /// <summary>The path the Streamable HTTP endpoint is served on.</summary>
    public const string Path = "/mcp";

    /// <summary>Loopback origins on any port: browser pages served from this machine only.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedOrigins =
    [
        "http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*",
        "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*",
    ];

    /// <summary>Serve MCP on <see cref="Path"/>; when false the path is not mapped (404).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Origins a browser page may call the endpoint from, as <c>scheme://host[:port]</c>; a port of
    /// <c>*</c> allows any port. Empty means <see cref="DefaultAllowedOrigins"/>. A request without an
    /// Origin header (a non-browser client) is always allowed.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
