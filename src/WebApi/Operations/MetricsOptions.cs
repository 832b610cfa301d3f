namespace StateHub.WebApi.Operations;

/// <summary>Where and to whom <c>/metrics</c> is served (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve <c>/metrics</c> at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A port of its own for <c>/metrics</c> (e.g. 9464): the endpoint then answers only there, so
    /// a firewall can keep it internal. Unset: it answers on the API's port.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>The interface the metrics port listens on; loopback unless a scraper on another machine needs it.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// An authorization policy the endpoint requires (e.g. the admin-or-reader policy of access
    /// control). Unset: no policy of its own. The hook access control plugs into.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>How long one scrape's answer is reused; 0 renders every scrape afresh.</summary>
    public int ScrapeCacheMilliseconds { get; set; } = 300;
}
