namespace StateHub.Infrastructure.Persistence.Embedded;

public sealed class EmbeddedPostgresOptions
{
    public const string SectionName = "EmbeddedDatabase";

    /// <summary>Folder that holds the cluster (data/, postgres.log, password). Defaults per user; see README.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Folder with initdb and pg_ctl. Searched on PATH and under /usr/lib/postgresql/*/bin when unset.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Loopback port; a free one is chosen when unset.</summary>
    public int? Port { get; set; }

    public string Database { get; set; } = "statehub";

    /// <summary>OS user that runs the server when the service runs as root (PostgreSQL refuses root).</summary>
    public string ServiceUser { get; set; } = "postgres";

    /// <summary>Whether to stop the cluster when the service stops.</summary>
    public bool StopOnShutdown { get; set; } = true;
}
