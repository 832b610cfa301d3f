using System.Net.Http.Json;
using System.Net;
using Npgsql;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// §11 "`sequence` is an integer that increases per subscription in commit order", taken from a row
/// of its own (<c>webhook_sequences</c>): writers wait for each other there, and for nothing else.
/// </summary>
[NonParallelizable]
public sealed class WebhookSequenceTests : WebhookTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Write_WhileTheSubscriptionRowIsLockedByAnOutcomeOrAnEdit_IsNotKeptWaiting()
    {
        var webhookId = Guid.Parse((await SubscribeAsync())["id"]!.GetValue<string>());
        await CreateDomainAsync();

        // The lock a delivery's outcome (health counters) and an admin's edit take on the subscription row.
        await using var barrier = await RowLockBarrier.HoldAsync(
            "SELECT 1 FROM webhook_subscriptions WHERE id = @id FOR NO KEY UPDATE", new Dictionary<string, object> { ["id"] = webhookId });
        var register = RegisterRepoAsync("while-locked");
        var finished = await Task.WhenAny(register, Task.Delay(Patience));
        await barrier.ReleaseAsync();

        Assert.That(finished, Is.SameAs(register), "an event-producing write waited for the subscription row");
        await register;
        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the repo.registered event");
        Assert.That(Payload(Receiver.Received.Single())["sequence"]!.GetValue<long>(), Is.EqualTo(1));
    }

    /// <summary>
    /// An admin's conditional edit holds the subscription row (If-Match: the row is locked until the
    /// edit commits) while an event-producing write queues a delivery for it: the writer's foreign key
    /// only shares the row's key, so it does not wait for the edit.
    /// </summary>
    [Test]
    public async Task Write_WhileAConditionalEditOfTheSubscriptionIsInFlight_IsNotKeptWaiting()
    {
        var webhookId = (await SubscribeAsync(eventTypes: new[] { "repo.registered" }))["id"]!.GetValue<string>();
        await CreateDomainAsync();
        using var read = await Client.GetAsync($"/webhooks/{webhookId}");
        var etag = read.Headers.ETag!.Tag;

        // The edit has locked the row (If-Match) and waits before its UPDATE.
        Factory.StatementGate.HoldNext("UPDATE webhook_subscriptions SET");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/webhooks/{webhookId}") { Content = JsonContent.Create(new { description = "edited" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        var edit = Client.SendAsync(patch);
        await Factory.StatementGate.ReachedAsync(Patience);

        var register = RegisterRepoAsync("during-the-edit");
        var finished = await Task.WhenAny(register, Task.Delay(Patience));
        Factory.StatementGate.Open();

        Assert.That(finished, Is.SameAs(register), "an event-producing write waited for the admin's edit");
        await register;
        using var edited = await edit;
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Sequence_TakenUnderALockHeldUntilCommit_ALaterWriterWaitsAndGetsTheNextNumber()
    {
        var webhookId = Guid.Parse((await SubscribeAsync(eventTypes: new[] { "repo.registered" }))["id"]!.GetValue<string>());
        await CreateDomainAsync();

        // A writer that took number 1 and has not committed yet.
        await using var barrier = await RowLockBarrier.HoldAsync(
            "UPDATE webhook_sequences SET last_sequence = last_sequence + 1 WHERE subscription_id = @id RETURNING last_sequence",
            new Dictionary<string, object> { ["id"] = webhookId });
        var register = RegisterRepoAsync("second-writer");
        await barrier.WaitForWaitersAsync(1);
        Assert.That(register.IsCompleted, Is.False, "the later writer waits for the earlier one's commit");
        await barrier.ReleaseAsync();
        await register;

        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the repo.registered event");
        Assert.That(Payload(Receiver.Received.Single())["sequence"]!.GetValue<long>(), Is.EqualTo(2));
    }

    /// <summary>
    /// A writer that has taken its numbers and not yet inserted its deliveries, and an admin deleting the
    /// subscription meanwhile: the delete takes the counter first, as the writer did, so it waits for the
    /// writer instead of the two deadlocking.
    /// </summary>
    [Test]
    public async Task Delete_WhileAWriterHoldsItsNumbers_WaitsForTheWriter_NoDeadlock()
    {
        var webhookId = (await SubscribeAsync(eventTypes: new[] { "repo.registered" }))["id"]!.GetValue<string>();
        await CreateDomainAsync();

        Factory.StatementGate.HoldNext("INSERT INTO webhook_deliveries");
        var register = Client.PostAsJsonAsync("/repos/", new { slug = "racing-writer", name = "racing-writer", domain_slug = "platform" });
        await Factory.StatementGate.ReachedAsync(Patience);
        var delete = Client.DeleteAsync($"/webhooks/{webhookId}");
        await RowLockBarrier.WaitForLockWaitersAsync(1, Patience);
        Factory.StatementGate.Open();

        Assert.That((await register).StatusCode, Is.EqualTo(HttpStatusCode.Created), await (await register).Content.ReadAsStringAsync());
        Assert.That((await delete).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await (await delete).Content.ReadAsStringAsync());
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = @id", Guid.Parse(webhookId)), Is.Zero);
    }

    /// <summary>
    /// The delivery worker recording an outcome (the attempt's row locked, then the subscription's) while
    /// an admin deletes the subscription: the delete takes the attempts first, as the worker does, so it
    /// waits for the worker instead of the two deadlocking (409).
    /// </summary>
    [Test]
    public async Task Delete_WhileTheWorkerRecordsAnOutcome_WaitsForIt_NoDeadlock()
    {
        var webhookId = (await SubscribeAsync(eventTypes: new[] { "repo.registered" }))["id"]!.GetValue<string>();
        await CreateDomainAsync();

        // The outcome's second statement; the attempt's row is locked by then.
        Factory.StatementGate.HoldNext("FROM webhook_subscriptions WHERE id = @p0 FOR NO KEY UPDATE");
        await RegisterRepoAsync("delivered");
        await Factory.StatementGate.ReachedAsync(Patience);
        var delete = Client.DeleteAsync($"/webhooks/{webhookId}");
        await RowLockBarrier.WaitForLockWaitersAsync(1, Patience);
        Factory.StatementGate.Open();

        Assert.That((await delete).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await (await delete).Content.ReadAsStringAsync());
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = @id", Guid.Parse(webhookId)), Is.Zero);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions WHERE id = @id", Guid.Parse(webhookId)), Is.Zero);
    }

    /// <summary>
    /// During a rolling upgrade, nodes of the previous version take numbers from the subscription's old
    /// <c>last_sequence</c> column; the migration's trigger counts those on the same counter.
    /// </summary>
    [Test]
    public async Task PreviousVersionsUpdateOfTheOldColumn_CountsOnTheSameCounter()
    {
        var webhookId = Guid.Parse((await SubscribeAsync(eventTypes: new[] { "repo.registered" }))["id"]!.GetValue<string>());
        await CreateDomainAsync();
        await RegisterRepoAsync("first");
        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the first event");

        var previousVersionsNumber = await ScalarAsync<long>(
            "UPDATE webhook_subscriptions SET last_sequence = last_sequence + 3 WHERE id = @id RETURNING last_sequence", webhookId);
        Assert.That(previousVersionsNumber, Is.EqualTo(4), "the previous version's statement took numbers 2–4 of the one counter");

        await RegisterRepoAsync("after-the-old-node");
        await Receiver.WaitUntilAsync(r => r.Count == 2, what: "the second event");
        Assert.That(Receiver.Received.Select(r => Payload(r)["sequence"]!.GetValue<long>()).Order(), Is.EqualTo(new long[] { 1, 5 }));
    }

    [Test]
    public async Task Subscription_GetsItsCounterWhenCreated_AndLosesItWhenDeleted()
    {
        var webhookId = Guid.Parse((await SubscribeAsync())["id"]!.GetValue<string>());
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhook_sequences WHERE subscription_id = @id AND last_sequence = 0", webhookId), Is.EqualTo(1));

        Assert.That((await Client.DeleteAsync($"/webhooks/{webhookId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhook_sequences WHERE subscription_id = @id", webhookId), Is.Zero);
    }

    private static async Task<T> ScalarAsync<T>(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
