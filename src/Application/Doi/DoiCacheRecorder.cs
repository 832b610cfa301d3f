using StateHub.Application.Common.Abstractions;
using StateHub.Application.Webhooks;
using StateHub.Domain.Doi;

namespace StateHub.Application.Doi;

/// <summary>
/// Stores new DoI evaluations and, in the same transaction, the <c>doi.tier_changed</c> webhook
/// events of the repos whose tier moved (<see cref="DoiTierChange.Detect"/> decides): the cache
/// write and its events commit together or not at all. The store locks each replaced row until
/// the commit, so when two nodes evaluate the same repo at once, one announces the change and
/// the other sees its result as the previous tier: one event per change.
/// </summary>
public sealed class DoiCacheRecorder(IDoiCacheStore cache, IWebhookOutbox outbox)
{
    /// <param name="entries">The new evaluations.</param>
    /// <param name="repos">The evaluated repos (at least those of <paramref name="entries"/>), for the events' slugs.</param>
    public Task RecordAsync(IReadOnlyCollection<DoiCacheEntry> entries, IReadOnlyCollection<DoiRepoState> repos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(repos);
        if (entries.Count == 0)
            return Task.CompletedTask;

        return cache.UpsertAsync(entries, writes =>
        {
            var byId = repos.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
            foreach (var write in writes)
            {
                if (DoiTierChange.Detect(write.Previous, write.Entry) is { } change && byId.TryGetValue(write.Entry.RepoId, out var repo))
                    outbox.DoiTierChanged(repo, change, write.Entry);
            }
        }, cancellationToken);
    }
}
