using System.Net;
using Npgsql;
using StateHub.WebApi.FunctionalTests.Infrastructure;
using StateHub.WebApi.FunctionalTests.InterfaceChanges;

namespace StateHub.WebApi.FunctionalTests.Inbox;

/// <summary>A repo's inbox as published changes fill it, and marking messages read.</summary>
public sealed class InboxEndpointsTests : InterfaceChangeTestBase
{
    [Test]
    public async Task ListInbox_NoMessages_ReturnsEmptyArrayWithAndWithoutTrailingSlash()
    {
        Assert.That(await InboxAsync(ConsumerA), Is.Empty);
        Assert.That((await GetOkAsync($"/repos/{ConsumerA}/inbox/")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task ListInbox_UnknownRepo_Returns404()
    {
        var response = await Client.GetAsync("/repos/ghost/inbox");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'ghost' not found"));
    }

    [Test]
    public async Task ListInbox_UnparsableUnread_Returns422NamingItAndTheAcceptedValues()
    {
        var response = await Client.GetAsync($"/repos/{ConsumerA}/inbox?unread=maybe");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(),
            Is.EqualTo("unread: 'maybe' is not a valid boolean for unread; use true/false, 1/0, yes/no, on/off, t/f, y/n (any case)."));
    }

    [TestCase("TRUE", "interface_change_resolved")]
    [TestCase("1", "interface_change_resolved")]
    [TestCase("on", "interface_change_resolved")]
    [TestCase("Y", "interface_change_resolved")]
    [TestCase("False", "interface_change_published")]
    [TestCase("0", "interface_change_published")]
    [TestCase("no", "interface_change_published")]
    [TestCase("f", "interface_change_published")]
    public async Task ListInbox_UnreadSpelledAsPydanticAccepts_Filters(string value, string expectedKind)
    {
        await OneReadAndOneUnreadMessageAsync();

        var list = await InboxAsync(ConsumerA, $"?unread={value}");

        Assert.That(list.Select(m => m!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { expectedKind }));
    }

    [Test]
    public async Task ListInbox_EmptyUnread_MeansNotGivenAndListsAll()
    {
        await OneReadAndOneUnreadMessageAsync();

        Assert.That(await InboxAsync(ConsumerA, "?unread="), Has.Count.EqualTo(2));
    }

    private async Task OneReadAndOneUnreadMessageAsync()
    {
        var change = await RegisterChangeAsync(ChangeBody(affected: [ConsumerA]));
        await PublishAsync(Id(change));
        var published = (await InboxAsync(ConsumerA)).Single()!;
        await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(published)}/read");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await ResolveAsync(Id(change));
    }

    [Test]
    public async Task ListInbox_SeveralChanges_NewestFirstAndOnlyTheRecipientsMessages()
    {
        var first = await RegisterChangeAsync(ChangeBody(title: "First", affected: [ConsumerA]));
        var second = await RegisterChangeAsync(ChangeBody(title: "Second", affected: [ConsumerA, ConsumerB]));
        await PublishAsync(Id(first));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await PublishAsync(Id(second));

        var inboxA = await InboxAsync(ConsumerA);
        var inboxB = await InboxAsync(ConsumerB);

        Assert.That(inboxA.Select(m => m!["interface_change_id"]!.GetValue<string>()), Is.EqualTo(new[] { Id(second), Id(first) }));
        Assert.That(inboxB.Select(m => m!["interface_change_id"]!.GetValue<string>()), Is.EqualTo(new[] { Id(second) }));
        Assert.That(inboxA.Select(m => m!["repo_slug"]!.GetValue<string>()), Is.All.EqualTo(ConsumerA));
    }

    [Test]
    public async Task MarkInboxMessageRead_Unread_SetsReadAtAndReturnsTheMessage()
    {
        var change = await RegisterChangeAsync();
        await PublishAsync(Id(change));
        var message = (await InboxAsync(ConsumerA)).Single()!;
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));

        var read = await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(message)}/read");

        Assert.That(Id(read), Is.EqualTo(Id(message)));
        Assert.That(read["repo_slug"]!.GetValue<string>(), Is.EqualTo(ConsumerA));
        Assert.That(read["subject"]!.GetValue<string>(), Is.EqualTo(message["subject"]!.GetValue<string>()));
        Assert.That(read["interface_change_id"]!.GetValue<string>(), Is.EqualTo(Id(change)));
        Assert.That(DateTimeOffset.Parse(read["read_at"]!.GetValue<string>()), Is.EqualTo(Factory.Clock.GetUtcNow()));
    }

    [Test]
    public async Task MarkInboxMessageRead_Twice_IsIdempotentAndKeepsTheFirstReadTime()
    {
        var change = await RegisterChangeAsync();
        await PublishAsync(Id(change));
        var message = (await InboxAsync(ConsumerA)).Single()!;
        var first = await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(message)}/read");
        Factory.Clock.Advance(TimeSpan.FromHours(1));

        var second = await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(message)}/read/");

        Assert.That(second.ToJsonString(), Is.EqualTo(first.ToJsonString()));
        Assert.That(await InboxAsync(ConsumerA, "?unread=false"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task MarkInboxMessageRead_UnknownOrMalformedId_Returns404_422()
    {
        var missing = await PostEmptyAsync($"/inbox/{Guid.NewGuid()}/read");
        var malformed = await PostEmptyAsync("/inbox/not-a-uuid/read");

        var problem = await AssertProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith("Inbox message '"));
        await AssertProblemAsync(malformed, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task PublishedChange_AfterOneRecipientMarksRead_UnreadStateIsPerRecipient()
    {
        var change = await RegisterChangeAsync();
        await PublishAsync(Id(change));
        var messageForA = (await InboxAsync(ConsumerA, "?unread=true")).Single()!;
        Assert.That((await InboxAsync(ConsumerB, "?unread=true")), Has.Count.EqualTo(1));

        await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(messageForA)}/read");

        Assert.That(await InboxAsync(ConsumerA, "?unread=true"), Is.Empty);
        var readA = await InboxAsync(ConsumerA, "?unread=false");
        Assert.That(readA.Select(m => Id(m!)), Is.EqualTo(new[] { Id(messageForA) }));
        Assert.That(readA[0]!["read_at"], Is.Not.Null);
        Assert.That(await InboxAsync(ConsumerA), Has.Count.EqualTo(1), "reading keeps the message");
        var unreadB = await InboxAsync(ConsumerB, "?unread=true");
        Assert.That(unreadB, Has.Count.EqualTo(1));
        Assert.That(unreadB[0]!["read_at"], Is.Null);
        Assert.That(await InboxAsync(ConsumerB, "?unread=false"), Is.Empty);
    }

    [Test]
    public async Task ResolvedChange_AfterPublishedNoticeWasRead_OnlyTheResolutionIsUnread()
    {
        var change = await RegisterChangeAsync(ChangeBody(affected: [ConsumerA]));
        await PublishAsync(Id(change));
        var published = (await InboxAsync(ConsumerA)).Single()!;
        await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(published)}/read");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        await ResolveAsync(Id(change));

        var unread = await InboxAsync(ConsumerA, "?unread=true");
        Assert.That(unread.Select(m => m!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "interface_change_resolved" }));
        Assert.That((await InboxAsync(ConsumerA)).Select(m => m!["kind"]!.GetValue<string>()),
            Is.EqualTo(new[] { "interface_change_resolved", "interface_change_published" }));
    }

    [Test]
    public async Task MarkRead_WhileAnotherTransactionMarksIt_WaitsAndKeepsTheFirstReadAt()
    {
        var change = await RegisterChangeAsync();
        await PublishAsync(Id(change));
        var messageId = Guid.Parse(Id((await InboxAsync(ConsumerA)).Single()!));
        var firstReadAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

        // Another writer holds the message's row and marks it read first.
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT read_at FROM inbox_messages WHERE id = @id FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("id", messageId);
            await lockRow.ExecuteScalarAsync();
        }

        var mark = Client.PostAsync($"/inbox/{messageId}/read", null);
        await Task.WhenAny(mark, Task.Delay(500));
        Assert.That(mark.IsCompleted, Is.False, "the request must wait for the row the other writer holds");

        await using (var setReadAt = new NpgsqlCommand("UPDATE inbox_messages SET read_at = @at WHERE id = @id", connection, transaction))
        {
            setReadAt.Parameters.AddWithValue("at", firstReadAt);
            setReadAt.Parameters.AddWithValue("id", messageId);
            await setReadAt.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        using var response = await mark;
        var body = await ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(DateTimeOffset.Parse(body["read_at"]!.GetValue<string>()), Is.EqualTo(firstReadAt));
    }
}
