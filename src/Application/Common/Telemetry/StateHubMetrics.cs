using System.Diagnostics.Metrics;

namespace StateHub.Application.Common.Telemetry;

/// <summary>
/// The hub's own instruments, all on one meter (<see cref="MeterName"/>), declared once so that
/// every feature records through the same names; the WebApi exports them on <c>/metrics</c>.
/// Tags are low-cardinality words (outcome, reason, kind), never slugs or ids.
/// </summary>
public static class StateHubMetrics
{
    public const string MeterName = "StateHub";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> ClaimsGranted = Meter.CreateCounter<long>(
        "statehub.claims.granted", "{claim}", "Task claims granted.");

    private static readonly Counter<long> ClaimsRefused = Meter.CreateCounter<long>(
        "statehub.claims.refused", "{claim}", "Task claims refused (tag reason).");

    private static readonly Counter<long> ClaimsExpired = Meter.CreateCounter<long>(
        "statehub.claims.expired", "{claim}", "Task claims whose lease expired.");

    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "statehub.webhooks.deliveries", "{delivery}", "Webhook delivery attempts by outcome (succeeded, failed, ...).");

    private static readonly Histogram<double> WebhookDeliveryDuration = Meter.CreateHistogram<double>(
        "statehub.webhooks.delivery.duration", "s", "Duration of webhook delivery attempts.");

    private static readonly Counter<long> DoiEvaluations = Meter.CreateCounter<long>(
        "statehub.doi.evaluations", "{evaluation}", "DoI evaluations run (tag scope: full or summary).");

    private static readonly Counter<long> DoiCacheHits = Meter.CreateCounter<long>(
        "statehub.doi.cache.hits", "{lookup}", "DoI answers served from the cache.");

    private static readonly Counter<long> DoiCacheMisses = Meter.CreateCounter<long>(
        "statehub.doi.cache.misses", "{lookup}", "DoI lookups the cache could not answer (stale, missing or bypassed).");

    private static readonly Counter<long> SyncDriftFound = Meter.CreateCounter<long>(
        "statehub.sync.drift.found", "{item}", "Workplan drift items found by sync (tag kind).");

    private static readonly Counter<long> SyncDriftFixed = Meter.CreateCounter<long>(
        "statehub.sync.drift.fixed", "{change}", "Changes made by sync to bring the hub in line with the files.");

    private static readonly object OutboxGate = new();
    private static readonly List<Func<long>> OutboxDepthSources = [];

    static StateHubMetrics()
    {
        Meter.CreateObservableGauge("statehub.webhooks.outbox.depth", ObserveOutboxDepth, "{delivery}",
            "Webhook deliveries waiting to be sent (pending, due or not).");
    }

    public static void ClaimGranted() => ClaimsGranted.Add(1);

    /// <param name="reason">Why, in one word: <c>held</c>, <c>blocked</c>, <c>not_claimable</c>...</param>
    public static void ClaimRefused(string reason) => ClaimsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void ClaimExpired(long count = 1)
    {
        if (count > 0)
            ClaimsExpired.Add(count);
    }

    /// <param name="outcome"><c>succeeded</c>, <c>failed</c>, <c>gone</c> (410), <c>timeout</c>...</param>
    public static void WebhookDelivered(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        WebhookDeliveries.Add(1, tag);
        WebhookDeliveryDuration.Record(duration.TotalSeconds, tag);
    }

    /// <summary>
    /// Registers a source of the outbox depth, read at each scrape (keep it cheap: return a value
    /// the delivery worker refreshed, not a query). Dispose the result to unregister. Several
    /// sources (e.g. several in-memory hosts in tests) are added up.
    /// </summary>
    public static IDisposable RegisterOutboxDepth(Func<long> source)
    {
        lock (OutboxGate)
            OutboxDepthSources.Add(source);
        return new Unregister(source);
    }

    /// <param name="scope"><c>full</c> (one repo, every criterion) or <c>summary</c> (fleet summary, C7 and C13 skipped).</param>
    public static void DoiEvaluated(string scope, long count = 1)
    {
        if (count > 0)
            DoiEvaluations.Add(count, new KeyValuePair<string, object?>("scope", scope));
    }

    public static void DoiCacheHit(long count = 1)
    {
        if (count > 0)
            DoiCacheHits.Add(count);
    }

    public static void DoiCacheMiss(long count = 1)
    {
        if (count > 0)
            DoiCacheMisses.Add(count);
    }

    /// <param name="kind">The drift kind: <c>missing_in_hub</c>, <c>status_mismatch</c>...</param>
    public static void SyncDriftDetected(string kind, long count = 1)
    {
        if (count > 0)
            SyncDriftFound.Add(count, new KeyValuePair<string, object?>("kind", kind));
    }

    public static void SyncDriftCorrected(long count)
    {
        if (count > 0)
            SyncDriftFixed.Add(count);
    }

    private static IEnumerable<Measurement<long>> ObserveOutboxDepth()
    {
        Func<long>[] sources;
        lock (OutboxGate)
            sources = [.. OutboxDepthSources];
        if (sources.Length == 0)
            yield break;
        long total = 0;
        foreach (var source in sources)
            total += source();
        yield return new Measurement<long>(total);
    }

    private sealed class Unregister(Func<long> source) : IDisposable
    {
        public void Dispose()
        {
            lock (OutboxGate)
                OutboxDepthSources.Remove(source);
        }
    }
}
