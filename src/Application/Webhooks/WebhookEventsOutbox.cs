using System.Text.Json;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Doi;
using StateHub.Domain.Common;
using StateHub.Domain.Doi;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Repos;
using StateHub.Domain.Webhooks;
using StateHub.Domain.Work;

namespace StateHub.Application.Webhooks;

/// <summary>
/// The webhook events of each kind of change, with their thin payloads: the id and slug of what
/// the event is about, the new status, and links; receivers read the rest through the API. One
/// method per event type; the domain-event handlers in EventHandlers/ call them.
/// </summary>
public static class WebhookEventsOutbox
{
    public static void RepoRegistered(this IWebhookOutbox outbox, ManagedRepo repo, DateTimeOffset at) =>
        outbox.Enqueue(WebhookEventTypes.RepoRegistered, at, RepoData(repo), [repo.Slug], [repo.Domain.Slug]);

    public static void RepoArchived(this IWebhookOutbox outbox, ManagedRepo repo, DateTimeOffset at) =>
        outbox.Enqueue(WebhookEventTypes.RepoArchived, at, RepoData(repo), [repo.Slug], [repo.Domain.Slug]);

    /// <summary><c>interface_change.*</c>: about the origin and every affected repo (loaded here).</summary>
    public static Task InterfaceChangeMovedAsync(
        this IWebhookOutbox outbox, IRepoRepository repos, string eventType, InterfaceChange change, DateTimeOffset at, CancellationToken cancellationToken) =>
        outbox.InterfaceChangeMovedAsync(repos, eventType, change, null, at, cancellationToken);

    /// <param name="consumer">For <c>interface_change.acknowledged</c>: the affected repo that moved its status.</param>
    public static async Task InterfaceChangeMovedAsync(
        this IWebhookOutbox outbox, IRepoRepository repos, string eventType, InterfaceChange change, InterfaceChangeConsumer? consumer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var origin = await repos.GetByIdAsync(change.OriginRepoId, cancellationToken);
        var affected = change.AffectedRepoSlugs.Count == 0 ? [] : await repos.GetBySlugsAsync(change.AffectedRepoSlugs, cancellationToken);
        outbox.InterfaceChangeMoved(eventType, change, origin, affected, at, consumer);
    }

    /// <summary>
    /// <c>interface_change.published</c>, <c>.resolved</c> or <c>.acknowledged</c>: about the origin
    /// and every affected repo. An acknowledgement also says whose status moved, and to what
    /// (<c>consumer</c>: <c>repo_slug</c>, <c>status</c>).
    /// </summary>
    public static void InterfaceChangeMoved(
        this IWebhookOutbox outbox, string eventType, InterfaceChange change, ManagedRepo? origin, IReadOnlyCollection<ManagedRepo> affected, DateTimeOffset at,
        InterfaceChangeConsumer? consumer = null)
    {
        var repos = (origin is null ? affected : affected.Prepend(origin)).DistinctBy(r => r.Id).ToList();
        var data = new Dictionary<string, object?>
        {
            ["interface_change_id"] = change.Id,
            ["origin_repo_slug"] = origin?.Slug,
            ["affected_repo_slugs"] = change.AffectedRepoSlugs,
            ["status"] = EnumWire.Name(change.Status),
            ["change_type"] = EnumWire.Name(change.ChangeType),
            ["interface_type"] = EnumWire.Name(change.InterfaceType),
            ["links"] = new Dictionary<string, string> { ["interface_change"] = $"/interface-changes/{change.Id}" },
        };
        if (consumer is not null)
            data["consumer"] = new Dictionary<string, object?> { ["repo_slug"] = consumer.RepoSlug, ["status"] = EnumWire.Name(consumer.Status) };
        outbox.Enqueue(eventType, at, data, repos.Select(r => r.Slug).ToList(), repos.Select(r => r.Domain.Slug).Distinct().ToList());
    }

    public static void InboxMessageCreated(this IWebhookOutbox outbox, InboxMessage message, ManagedRepo recipient, DateTimeOffset at) =>
        outbox.Enqueue(WebhookEventTypes.InboxMessageCreated, at, new Dictionary<string, object?>
        {
            ["id"] = message.Id,
            ["repo_slug"] = recipient.Slug,
            ["kind"] = message.Kind,
            ["interface_change_id"] = message.InterfaceChangeId,
            ["links"] = new Dictionary<string, string>
            {
                ["inbox"] = $"/repos/{recipient.Slug}/inbox",
                ["mark_read"] = $"/inbox/{message.Id}/read",
            },
        }, [recipient.Slug], [recipient.Domain.Slug]);

    public static void TaskCreated(this IWebhookOutbox outbox, WorkTask task, Workstream workstream, ManagedRepo repo, DateTimeOffset at) =>
        outbox.Enqueue(WebhookEventTypes.TaskCreated, at, TaskData(task, workstream, repo, null), [repo.Slug], [repo.Domain.Slug]);

    public static void TaskStatusChanged(this IWebhookOutbox outbox, WorkTask task, WorkTaskStatus previous, Workstream workstream, ManagedRepo repo, DateTimeOffset at) =>
        outbox.Enqueue(WebhookEventTypes.TaskStatusChanged, at, TaskData(task, workstream, repo, previous), [repo.Slug], [repo.Domain.Slug]);

    /// <summary>
    /// <c>task.claimed</c> (issue 14): the mapping of a <c>TaskClaimed</c> domain event, so its
    /// handler is one line.
    /// </summary>
    public static Task TaskClaimedAsync(this IWebhookOutbox outbox, IWorkstreamRepository workstreams, WorkTask task, string? agentId, DateTimeOffset at, CancellationToken cancellationToken) =>
        outbox.TaskClaimEventAsync(WebhookEventTypes.TaskClaimed, workstreams, task, agentId, at, cancellationToken);

    /// <summary><c>task.claim_expired</c> (issue 14): the mapping of a <c>TaskClaimExpired</c> domain event.</summary>
    public static Task TaskClaimExpiredAsync(this IWebhookOutbox outbox, IWorkstreamRepository workstreams, WorkTask task, string? agentId, DateTimeOffset at, CancellationToken cancellationToken) =>
        outbox.TaskClaimEventAsync(WebhookEventTypes.TaskClaimExpired, workstreams, task, agentId, at, cancellationToken);

    private static async Task TaskClaimEventAsync(this IWebhookOutbox outbox, string eventType, IWorkstreamRepository workstreams, WorkTask task, string? agentId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(task.WorkstreamId, cancellationToken);
        if (workstream is null)
            return;
        var data = TaskData(task, workstream, workstream.Repo, null);
        // The task API's own words: who holds the claim now, or who held the one that lapsed.
        data[eventType == WebhookEventTypes.TaskClaimed ? "claimed_by" : "previous_holder"] = agentId;
        outbox.Enqueue(eventType, at, data, [workstream.Repo.Slug], [workstream.Repo.Domain.Slug]);
    }

    /// <summary><c>workplan.synced</c>; the counts come from the sync's timeline data (a JSON object).</summary>
    public static void WorkplanSynced(this IWebhookOutbox outbox, ManagedRepo repo, string syncData, DateTimeOffset at)
    {
        int? driftCount = null, changeCount = null;
        try
        {
            using var json = JsonDocument.Parse(syncData);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("drift_count", out var d) && d.TryGetInt32(out var dc))
                    driftCount = dc;
                if (json.RootElement.TryGetProperty("change_count", out var c) && c.TryGetInt32(out var cc))
                    changeCount = cc;
            }
        }
        catch (JsonException)
        {
            // The counts are a courtesy; the event is sent without them.
        }

        outbox.Enqueue(WebhookEventTypes.WorkplanSynced, at, new Dictionary<string, object?>
        {
            ["repo_id"] = repo.Id,
            ["repo_slug"] = repo.Slug,
            ["in_sync"] = driftCount is null ? null : driftCount == 0,
            ["drift_count"] = driftCount,
            ["change_count"] = changeCount,
            ["links"] = new Dictionary<string, string>
            {
                ["repo"] = $"/repos/{repo.Slug}",
                ["workstreams"] = $"/repos/{repo.Slug}/workstreams",
            },
        }, [repo.Slug], [repo.Domain.Slug]);
    }

    /// <summary>
    /// <c>doi.tier_changed</c>: the repo, its previous and new tier, which evaluation saw it
    /// (<c>full</c>: GET /repos/{slug}/doi; <c>summary</c>: the fleet summary, C7 and C13 skipped),
    /// and links to the report. The payload's <c>timestamp</c> is the evaluation's time.
    /// </summary>
    public static void DoiTierChanged(this IWebhookOutbox outbox, DoiRepoState repo, DoiTierChange change, DoiCacheEntry evaluation) =>
        outbox.Enqueue(WebhookEventTypes.DoiTierChanged, evaluation.CheckedAt, new Dictionary<string, object?>
        {
            ["repo_id"] = repo.Id,
            ["repo_slug"] = repo.Slug,
            ["domain_slug"] = repo.DomainSlug,
            ["previous_tier"] = EnumWire.Name(change.Previous),
            ["tier"] = EnumWire.Name(change.Current),
            ["core_pass"] = evaluation.CorePass,
            ["standard_pass"] = evaluation.StandardPass,
            ["full_pass"] = evaluation.FullPass,
            ["evaluation"] = evaluation.FullEvaluation ? "full" : "summary",
            ["links"] = new Dictionary<string, string>
            {
                ["doi"] = $"/repos/{repo.Slug}/doi",
                ["repo"] = $"/repos/{repo.Slug}",
            },
        }, [repo.Slug], [repo.DomainSlug]);

    private static Dictionary<string, object?> RepoData(ManagedRepo repo) => new()
    {
        ["repo_id"] = repo.Id,
        ["repo_slug"] = repo.Slug,
        ["domain_slug"] = repo.Domain.Slug,
        ["status"] = EnumWire.Name(repo.Status),
        ["links"] = new Dictionary<string, string> { ["repo"] = $"/repos/{repo.Slug}" },
    };

    private static Dictionary<string, object?> TaskData(WorkTask task, Workstream workstream, ManagedRepo repo, WorkTaskStatus? previous)
    {
        var data = new Dictionary<string, object?>
        {
            ["task_id"] = task.Id,
            ["task_key"] = task.Key,
            ["workstream_id"] = workstream.Id,
            ["workstream_key"] = workstream.Key,
            ["repo_slug"] = repo.Slug,
            ["status"] = EnumWire.Name(task.Status),
        };
        if (previous is { } p)
            data["previous_status"] = EnumWire.Name(p);
        data["links"] = new Dictionary<string, string>
        {
            ["task"] = $"/tasks/{task.Id}",
            ["workstream"] = $"/workstreams/{workstream.Id}",
        };
        return data;
    }
}
