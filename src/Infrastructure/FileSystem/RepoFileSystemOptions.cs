namespace StateHub.Infrastructure.FileSystem;

public sealed class RepoFileSystemOptions
{
    public const string SectionName = "RepoFiles";

    /// <summary>Largest file read from a repo, in bytes (default 1 MiB).</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Most entries listed from one folder.</summary>
    public int MaxListedEntries { get; set; } = 2000;

    /// <summary>The host name used as the key into host_paths; the machine name when unset.</summary>
    public string? HostName { get; set; }
}
