using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StateHub.Application.Doi;

/// <summary>
/// The fingerprint of a DoI evaluation's inputs: a SHA-256 over every input of every criterion and
/// the time buckets the time-based criteria (C8, C13, C14) depend on. Two snapshots share a
/// fingerprint exactly when no criterion can answer differently for them.
/// </summary>
public static class DoiFingerprint
{
    /// <summary>Bumped whenever the criteria change, so that results of older rules are never served.</summary>
    private const string RulesVersion = "doi-rules-2";

    public static string Compute(DoiSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();

        void Add(string key, object? value) =>
            text.Append(key).Append('=').Append(Format(value)).Append('\n');

        Add("rules", RulesVersion);
        Add("host", snapshot.HostName);

        var repo = snapshot.Repo;
        Add("repo.id", repo.Id);
        Add("repo.slug", repo.Slug);
        Add("repo.status", repo.Status);
        Add("repo.updated_at", repo.UpdatedAt);
        Add("repo.local_path", repo.LocalPath);
        foreach (var (host, path) in repo.HostPaths.OrderBy(p => p.Key, StringComparer.Ordinal))
            Add("repo.host_path", host + "\u0000" + path);
        Add("repo.remote_url", repo.RemoteUrl);
        Add("repo.git_fingerprint", repo.GitFingerprint);
        Add("repo.last_sbom_at", repo.LastSbomAt);
        Add("repo.last_state_synced_at", repo.LastStateSyncedAt);
        Add("domain.slug", repo.DomainSlug);
        Add("domain.status", repo.DomainStatus);

        var hub = snapshot.Hub;
        Add("goals.count", hub.GoalCount);
        Add("goals.active", hub.ActiveGoalCount);
        Add("goals.latest", hub.GoalsLatestUpdatedAt);
        Add("tpsc.count", hub.TpscCount);
        Add("tpsc.latest", hub.TpscLatestAt);
        Add("inbox.unread", hub.UnreadInboxCount);
        Add("inbox.oldest_unread", hub.OldestUnreadInboxAt);
        Add("workstreams.count", hub.WorkstreamCount);
        Add("workstreams.latest", hub.WorkstreamsLatestUpdatedAt);
        Add("tasks.count", hub.TaskCount);
        Add("tasks.latest", hub.TasksLatestUpdatedAt);

        // The time buckets: each flips exactly when its criterion's answer can change with time alone.
        Add("bucket.c8_sbom_stale", DoiCriteria.SbomStale(repo.LastSbomAt, snapshot.Now));
        Add("bucket.c8_sbom_future", DoiCriteria.SbomInFuture(repo.LastSbomAt, snapshot.Now));
        Add("bucket.c13_sync_stale", DoiCriteria.SyncStale(repo.LastStateSyncedAt, snapshot.Now));
        Add("bucket.c14_inbox_overdue", DoiCriteria.InboxOverdue(hub.OldestUnreadInboxAt, snapshot.Now));

        Add("disk.path", snapshot.PathOnHost);
        Add("disk.readable", snapshot.Disk is not null);
        if (snapshot.Disk is { } disk)
        {
            Add("disk.root", disk.RootPath);
            foreach (var file in disk.Files)
                Add("disk.file", $"{file.Path}\u0000{file.Length}\u0000{Format(file.LastModifiedUtc)}");
            Add("disk.git.head", disk.Git.HeadCommit);
            Add("disk.git.shallow", disk.Git.Shallow);
            Add("disk.git.problem", disk.Git.Problem);
        }

        Add("report.present", snapshot.Report is not null);
        if (snapshot.Report is { } report)
        {
            // received_at strictly increases with every report, so it stands for the workplan contents too
            // (which the fleet summary does not load).
            Add("report.received_at", report.ReceivedAt);
            Add("report.collected_at", report.CollectedAt);
            Add("report.root_commit", report.RootCommit);
            foreach (var file in report.RootFiles)
                Add("report.root_file", file);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Format(object? value) => value switch
    {
        null => "\u2400",
        DateTimeOffset d => d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        // Newlines would let one value pose as another key; escape them.
        _ => value.ToString()!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal),
    };
}
