using StateHub.Domain.Common;
using StateHub.Domain.Domains;

namespace StateHub.Domain.Repos;

/// <summary>A code repository registered with the hub.</summary>
public sealed class ManagedRepo : Entity
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int PathMaxLength = 4096;
    public const int UrlMaxLength = 2048;
    public const int FingerprintMaxLength = 128;
    public const int TopicIdMaxLength = 200;
    public const int HostMaxLength = 255;
    public const string AbsolutePathMessage = "path must be absolute (e.g. /home/agent/src/repo or C:\\src\\repo).";

    private Dictionary<string, string> _hostPaths = new(StringComparer.Ordinal);

    private ManagedRepo()
    {
    }

    public Guid DomainId { get; private set; }

    public RepoDomain Domain { get; private set; } = null!;

    public string Slug { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public string? LocalPath { get; private set; }

    public string? RemoteUrl { get; private set; }

    /// <summary>Root-commit SHA-1 (<c>git rev-list --max-parents=0 HEAD</c>); identical in every clone.</summary>
    public string? GitFingerprint { get; private set; }

    public string? Description { get; private set; }

    public string? TopicId { get; private set; }

    public RepoStatus Status { get; private set; } = RepoStatus.Active;

    /// <summary>Where the repo lives on each host that has a clone: host name → absolute path.</summary>
    public IReadOnlyDictionary<string, string> HostPaths
    {
        get => _hostPaths;
        private set => _hostPaths = new Dictionary<string, string>(value, StringComparer.Ordinal);
    }

    public DateTimeOffset? LastSbomAt { get; private set; }

    public DateTimeOffset? LastStateSyncedAt { get; private set; }

    public static ManagedRepo Register(
        RepoDomain domain,
        string slug,
        string name,
        string? localPath = null,
        string? remoteUrl = null,
        string? gitFingerprint = null,
        string? description = null,
        string? topicId = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Common.Slug.Ensure(slug);
        if (Common.Slug.ReservedRepoSlugs.Contains(slug))
            throw new DomainValidationException("slug", $"'{slug}' is a reserved word and cannot be used as a repo slug.");

        var repo = new ManagedRepo
        {
            Domain = domain,
            DomainId = domain.Id,
            Slug = slug,
        };
        repo.Rename(name);
        repo.SetLocalPath(localPath);
        repo.SetRemoteUrl(remoteUrl);
        repo.SetGitFingerprint(gitFingerprint);
        repo.Describe(description);
        repo.SetTopicId(topicId);
        repo.Raise(new RepoRegistered(repo));
        return repo;
    }

    public void Rename(string name) => Name = Guard.Required(name, "name", NameMaxLength);

    public void Describe(string? description) =>
        Description = Guard.Optional(description, "description", DescriptionMaxLength);

    public void SetLocalPath(string? localPath) =>
        LocalPath = Guard.Optional(localPath, "local_path", PathMaxLength);

    public void SetRemoteUrl(string? remoteUrl) =>
        RemoteUrl = Guard.Optional(remoteUrl, "remote_url", UrlMaxLength);

    public void SetGitFingerprint(string? fingerprint) =>
        GitFingerprint = Guard.Optional(fingerprint?.Trim(), "git_fingerprint", FingerprintMaxLength);

    public void SetTopicId(string? topicId) =>
        TopicId = Guard.Optional(topicId, "topic_id", TopicIdMaxLength);

    public void RecordSbom(DateTimeOffset? at) => LastSbomAt = at;

    /// <summary>Records the path of this repo on one host, leaving every other host's entry as it is. The path must be absolute.</summary>
    public void SetHostPath(string host, string path)
    {
        var h = Guard.Required(host, "host", HostMaxLength);
        var p = Guard.Required(path, "path", PathMaxLength);
        if (!IsAbsolutePath(p))
            throw new DomainValidationException("path", AbsolutePathMessage);
        _hostPaths = new Dictionary<string, string>(_hostPaths, StringComparer.Ordinal) { [h] = p };
    }

    /// <summary>
    /// Whether <paramref name="path"/> is absolute on the host it names, whatever this host's OS:
    /// POSIX (<c>/...</c>), a Windows drive (<c>C:\...</c>, <c>C:/...</c>) or a UNC share (<c>\\server\share</c>).
    /// A relative path would be read relative to the hub's own working directory.
    /// </summary>
    public static bool IsAbsolutePath(string? path) =>
        path is not null
        && (path.StartsWith('/')
            || path.StartsWith(@"\\", StringComparison.Ordinal)
            || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/'));

    /// <summary>The path to read this repo from on <paramref name="hostName"/>: its host entry, else <see cref="LocalPath"/>.</summary>
    public string? PathOnHost(string hostName) =>
        _hostPaths.TryGetValue(hostName, out var path) && !string.IsNullOrWhiteSpace(path) ? path : LocalPath;

    /// <summary>Archiving is idempotent: an archived repo stays archived.</summary>
    public void Archive()
    {
        if (Status == RepoStatus.Archived)
            return;
        Status = RepoStatus.Archived;
        Raise(new RepoArchived(this));
    }

    public void MarkStateSynced(DateTimeOffset at) => LastStateSyncedAt = at;

    /// <summary>
    /// Records a sync that made the hub match the repo's workplan files; <paramref name="summary"/>
    /// and <paramref name="data"/> (a JSON object) say what it found and did, for the timeline.
    /// </summary>
    public void RecordWorkplanSync(DateTimeOffset at, string summary, string data)
    {
        MarkStateSynced(at);
        Raise(new WorkplanSynced(this, at, summary, data));
    }
}
