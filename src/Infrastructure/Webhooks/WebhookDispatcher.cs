using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StateHub.Application.Common.Telemetry;
using StateHub.Application.Webhooks;
using StateHub.Domain.Events;
using StateHub.Domain.Repos;
using StateHub.Domain.Webhooks;
using StateHub.Infrastructure.Persistence;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>
/// One round of delivery work on this node: lease due attempts (<c>FOR UPDATE SKIP LOCKED</c>,
/// so nodes never take the same one), send them, and record each outcome, scheduling the retry or
/// disabling the subscription as the rules say.
/// </summary>
internal sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    public const string DisabledEventKind = "webhook_disabled";

    private sealed record Leased(
        Guid Id, Guid SubscriptionId, Guid EventId, string EventType, long Sequence, int Attempt,
        string Url, string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt,
        DateTimeOffset OccurredAt, string Data);

    /// <param name="Kind">The metric's outcome: <c>succeeded</c>, <c>failed</c> (a non-2xx answer), <c>gone</c> (410), <c>timeout</c>, <c>refused</c> (the target guard), <c>error</c> (no connection).</param>
    private sealed record Outcome(bool Success, int? Status, string? Body, string? Error, int DurationMs, string Kind);

    /// <summary>Leases and delivers one batch; returns how many attempts it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var token = Guid.NewGuid();
        var batch = await LeaseAsync(token, settings, cancellationToken);
        if (batch.Count == 0)
            return 0;

        await Parallel.ForEachAsync(
            batch,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxConcurrency), CancellationToken = cancellationToken },
            async (leased, ct) =>
            {
                var outcome = await SendAsync(leased, settings, ct);
                await RecordAsync(leased, token, outcome, settings, ct);
                StateHubMetrics.WebhookDelivered(outcome.Kind, TimeSpan.FromMilliseconds(outcome.DurationMs));
            });
        return batch.Count;
    }

    private async Task<IReadOnlyList<Leased>> LeaseAsync(Guid token, WebhookOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StateHubDbContext>();
        var now = clock.GetUtcNow();
        var lease = settings.LeaseDuration;
        var limit = Math.Max(1, settings.BatchSize);

        // Due by the application clock or by the database's; leases run on the database clock
        // alone, so every node agrees when one has expired.
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE webhook_deliveries d
            SET lease_expires_at = clock_timestamp() + {lease}, lease_token = {token}
            FROM (
                SELECT id FROM webhook_deliveries
                WHERE status = 'pending'
                  AND (next_attempt_at <= {now} OR due_real_at <= clock_timestamp())
                  AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp())
                  AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE enabled)
                ORDER BY next_attempt_at, sequence
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED
            ) due
            WHERE d.id = due.id
            RETURNING d.id AS "Value"
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return [];

        return await (
            from d in db.WebhookDeliveries.AsNoTracking()
            join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
            join e in db.WebhookEvents on d.EventId equals e.Id
            where ids.Contains(d.Id)
            select new Leased(
                d.Id, d.SubscriptionId, d.EventId, d.EventType, d.Sequence, d.Attempt,
                s.Url, s.Secret, s.PreviousSecret, s.PreviousSecretExpiresAt, e.OccurredAt, e.Data))
            .ToListAsync(cancellationToken);
    }

    private async Task<Outcome> SendAsync(Leased leased, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var body = Payload(leased);
        var messageId = leased.EventId.ToString();
        // The attempt's own time, on the real clock: receivers compare it with theirs.
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var secrets = WebhookSubscription.SigningSecrets(leased.Secret, leased.PreviousSecret, leased.PreviousSecretExpiresAt, clock.GetUtcNow());

        using var request = new HttpRequestMessage(HttpMethod.Post, leased.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Header(secrets, messageId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("StateHub-Webhooks/1.0");

        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var client = httpClients.CreateClient(WebhookHttpHandler.ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var text = await ReadCappedAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            var success = status is >= 200 and < 300;
            return new Outcome(success, status, text, null, Elapsed(stopwatch), success ? "succeeded" : status == 410 ? "gone" : "failed");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, null, null, $"No answer within {settings.Timeout.TotalSeconds:0.###} s (Webhooks:Timeout).", Elapsed(stopwatch), "timeout");
        }
        catch (HttpRequestException ex)
        {
            var refused = FindRefusal(ex);
            return new Outcome(false, null, null, refused ?? $"Connection failed: {ex.Message}", Elapsed(stopwatch), refused is null ? "error" : "refused");
        }
        catch (WebhookTargetRefusedException ex)
        {
            return new Outcome(false, null, null, ex.Message, Elapsed(stopwatch), "refused");
        }
        catch (InvalidOperationException ex)
        {
            return new Outcome(false, null, null, $"The request could not be sent: {ex.Message}", Elapsed(stopwatch), "error");
        }
    }

    private static string? FindRefusal(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetRefusedException refused)
                return "Refused at delivery time: " + refused.Message;
        }

        return null;
    }

    private static int Elapsed(Stopwatch stopwatch) => (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds);

    private static async Task<string?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[WebhookDelivery.ResponseBodyMaxBytes];
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                    break;
                read += n;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // Keep what arrived: the status is what counts.
        }

        if (read == 0)
            return null;
        // PostgreSQL text cannot hold NUL; bytes that are not UTF-8 become U+FFFD.
        return WithinUtf8Bytes(Encoding.UTF8.GetString(buffer, 0, read).Replace('\0', '\uFFFD'), buffer.Length);
    }

    /// <summary>
    /// The longest start of <paramref name="text"/> that takes at most <paramref name="maxBytes"/>
    /// in UTF-8, cut between characters: a character the cap cut in two, or an invalid byte turned
    /// into U+FFFD (three bytes), never takes the stored body past the first 4 KiB (§11).
    /// </summary>
    internal static string WithinUtf8Bytes(string text, int maxBytes)
    {
        var bytes = 0;
        var chars = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
                return text[..chars];
            bytes += rune.Utf8SequenceLength;
            chars += rune.Utf16SequenceLength;
        }

        return text;
    }

    /// <summary>The Standard Webhooks body: <c>{"id","type","timestamp","sequence","data"}</c>.</summary>
    private static string Payload(Leased leased)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", leased.EventId);
            writer.WriteString("type", leased.EventType);
            writer.WriteString("timestamp", leased.OccurredAt.ToUniversalTime());
            writer.WriteNumber("sequence", leased.Sequence);
            writer.WritePropertyName("data");
            writer.WriteRawValue(leased.Data, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private async Task RecordAsync(Leased leased, Guid token, Outcome outcome, WebhookOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StateHubDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Our attempt first, if the lease is still ours, then the subscription (whose health changes).
        // Tables are taken in the order a TRUNCATE of all tables takes them, so neither waits on the other in a cycle.
        // FOR NO KEY UPDATE, not FOR UPDATE: writers queueing deliveries hold KEY SHARE on the row (their
        // foreign key) until they commit, and must not wait for this, nor this for them (WebhookSequences).
        var delivery = (await db.WebhookDeliveries
            .FromSql($"SELECT * FROM webhook_deliveries WHERE id = {leased.Id} AND lease_token = {token} AND status = 'pending' FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        var subscription = delivery is null
            ? null
            : (await db.WebhookSubscriptions
                .FromSql($"SELECT * FROM webhook_subscriptions WHERE id = {leased.SubscriptionId} FOR NO KEY UPDATE")
                .ToListAsync(cancellationToken)).SingleOrDefault();
        if (subscription is null || delivery is null)
        {
            logger.LogInformation("Delivery {DeliveryId} of event {EventId}: lease lost before its outcome was recorded; another node owns it now", leased.Id, leased.EventId);
            return;
        }

        var now = clock.GetUtcNow();
        if (outcome.Success)
        {
            delivery.Succeed(outcome.Status!.Value, outcome.Body, outcome.DurationMs, now);
            subscription.RecordSuccess(now);
        }
        else
        {
            subscription.RecordFailure(now);
            var latestAttempt = await db.WebhookDeliveries
                .Where(d => d.SubscriptionId == leased.SubscriptionId && d.EventId == leased.EventId)
                .MaxAsync(d => d.Attempt, cancellationToken);
            WebhookDelivery? retry = null;
            if (delivery.DelayBeforeRetry(outcome.Status, settings.ParsedRetrySchedule(), latestAttempt) is { } scheduled)
            {
                var delay = Jitter(scheduled);
                var dbNow = (await db.Database.SqlQuery<DateTimeOffset>($"SELECT clock_timestamp() AS \"Value\"").ToListAsync(cancellationToken))[0];
                retry = delivery.Next(now + delay, dbNow + delay);
            }

            delivery.Fail(outcome.Status, outcome.Body, outcome.Error, outcome.DurationMs, retry?.NextAttemptAt, now);
            if (retry is not null)
                db.WebhookDeliveries.Add(retry);

            if (subscription.DisableReasonAfterFailure(outcome.Status, settings.DisableAfter, now) is { } reason)
                await DisableAsync(db, subscription, reason, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!outcome.Success)
        {
            logger.LogInformation(
                "Webhook delivery {DeliveryId} (event {EventId}, attempt {Attempt}) to subscription {SubscriptionId} failed: {Status} {Error}",
                leased.Id, leased.EventId, leased.Attempt, leased.SubscriptionId, outcome.Status, outcome.Error);
        }
    }

    /// <summary>Deliveries waiting to be sent (pending, due or not), for the outbox-depth gauge.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StateHubDbContext>();
        return await db.WebhookDeliveries.LongCountAsync(d => d.Status == WebhookDeliveryStatus.Pending, cancellationToken);
    }

    /// <summary>Disables subscriptions whose deliveries have all failed for <c>Webhooks:DisableAfter</c>, even when nothing is left to send.</summary>
    public async Task DisableFailingAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var threshold = now - settings.DisableAfter;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StateHubDbContext>();
        // A plain read first: an idle poll opens no transaction and holds no lock.
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Enabled && s.FailingSince <= threshold, cancellationToken))
            return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var failing = await db.WebhookSubscriptions
            .FromSql($"SELECT * FROM webhook_subscriptions WHERE enabled AND failing_since <= {threshold} FOR NO KEY UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (failing.Count == 0)
            return;
        foreach (var subscription in failing)
            await DisableAsync(db, subscription, subscription.FailingTooLongReason(settings.DisableAfter), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Disables the subscription and says so on the timeline of the repos it is about, by the filters
    /// WebhookSubscription.Matches applies (both when both are set): the repos named (archived too,
    /// since they were named), else the active ones, within the domains named if any.
    /// </summary>
    private async Task DisableAsync(StateHubDbContext db, WebhookSubscription subscription, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!subscription.Enabled)
            return;
        subscription.Disable(reason, now);
        logger.LogWarning("Webhook subscription {SubscriptionId} ({Url}) disabled: {Reason}", subscription.Id, subscription.Url, reason);

        IQueryable<ManagedRepo> repos = db.Repos.AsNoTracking().Where(r => r.Status == RepoStatus.Active);
        if (subscription.RepoSlugs.Count > 0)
            repos = db.Repos.AsNoTracking().Where(r => subscription.RepoSlugs.Contains(r.Slug));
        if (subscription.DomainSlugs.Count > 0)
            repos = repos.Where(r => subscription.DomainSlugs.Contains(r.Domain.Slug));
        var repoIds = await repos.OrderBy(r => r.Slug).Select(r => r.Id).Take(500).ToListAsync(cancellationToken);
        var data = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["webhook_id"] = subscription.Id,
            ["url"] = subscription.Url,
            ["reason"] = reason,
            ["links"] = new Dictionary<string, string> { ["webhook"] = $"/webhooks/{subscription.Id}", ["dashboard"] = "/dashboard/webhooks" },
        });
        foreach (var repoId in repoIds)
            db.ProgressEvents.Add(ProgressEvent.Create(repoId, DisabledEventKind, $"Webhook {subscription.Url} disabled: {reason}", data));
    }

    /// <summary>±20 % on delays above 1 s.</summary>
    internal static TimeSpan Jitter(TimeSpan delay) =>
        delay <= TimeSpan.FromSeconds(1)
            ? delay
            : TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));
}
