using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.InterfaceChanges;

/// <summary>What an affected repo's agent sees at session start, as a change moves through its lifecycle.</summary>
public sealed class DispatchThroughLifecycleTests : InterfaceChangeTestBase
{
    private Task<JsonNode> DispatchAsync(string slug) => GetOkAsync($"/repos/{slug}/dispatch");

    [Test]
    public async Task Dispatch_BeforePublish_ShowsNoPendingChangeAndNoUnreadMessage()
    {
        await RegisterChangeAsync();

        var dispatch = await DispatchAsync(ConsumerA);

        Assert.That(dispatch["pending_interface_changes"]!.AsArray(), Is.Empty);
        Assert.That(dispatch["unread_inbox_count"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task Dispatch_AfterPublish_ShowsTheChangeToAffectedReposOnly()
    {
        var change = await RegisterChangeAsync(ChangeBody(affected: [ConsumerA], paths: ["/repos/"]));
        var published = await PublishAsync(Id(change));

        var consumer = await DispatchAsync(ConsumerA);
        var bystander = await DispatchAsync(ConsumerB);
        var origin = await DispatchAsync(Origin);

        var pending = consumer["pending_interface_changes"]!.AsArray().Single()!;
        Assert.That(Id(pending), Is.EqualTo(Id(change)));
        Assert.That(pending["title"]!.GetValue<string>(), Is.EqualTo("Trailing-slash normalisation"));
        Assert.That(pending["change_type"]!.GetValue<string>(), Is.EqualTo("breaking"));
        Assert.That(pending["interface_type"]!.GetValue<string>(), Is.EqualTo("http_api"));
        Assert.That(pending["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo(Origin));
        Assert.That(Strings(pending["affected_paths"]), Is.EqualTo(new[] { "/repos/" }));
        Assert.That(pending["planned_for"]!.GetValue<string>(), Is.EqualTo("2026-12-01"));
        Assert.That(DateTimeOffset.Parse(pending["published_at"]!.GetValue<string>()),
            Is.EqualTo(DateTimeOffset.Parse(published["published_at"]!.GetValue<string>())));
        Assert.That(consumer["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(bystander["pending_interface_changes"]!.AsArray(), Is.Empty);
        Assert.That(bystander["unread_inbox_count"]!.GetValue<int>(), Is.Zero);
        Assert.That(origin["pending_interface_changes"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Dispatch_SeveralPublished_ListsNewestPublicationFirst()
    {
        var first = await RegisterChangeAsync(ChangeBody(title: "First"));
        var second = await RegisterChangeAsync(ChangeBody(title: "Second"));
        await PublishAsync(Id(second));
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await PublishAsync(Id(first));

        var pending = (await DispatchAsync(ConsumerA))["pending_interface_changes"]!.AsArray();

        Assert.That(pending.Select(p => p!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "First", "Second" }));
    }

    [Test]
    public async Task Dispatch_AfterMarkingTheMessageRead_CountsNoUnreadButStillShowsTheChange()
    {
        var change = await RegisterChangeAsync();
        await PublishAsync(Id(change));
        var message = (await InboxAsync(ConsumerA)).Single()!;

        await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(message)}/read");
        var dispatch = await DispatchAsync(ConsumerA);

        Assert.That(dispatch["unread_inbox_count"]!.GetValue<int>(), Is.Zero);
        Assert.That(dispatch["pending_interface_changes"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Dispatch_AfterResolve_DropsTheChangeAndCountsTheResolutionNotice()
    {
        var change = await RegisterChangeAsync();
        await PublishAsync(Id(change));
        foreach (var message in await InboxAsync(ConsumerA))
            await SendOkAsync(HttpMethod.Post, $"/inbox/{Id(message!)}/read");

        await ResolveAsync(Id(change));
        var dispatch = await DispatchAsync(ConsumerA);

        Assert.That(dispatch["pending_interface_changes"]!.AsArray(), Is.Empty);
        Assert.That(dispatch["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(1));
        var notice = (await InboxAsync(ConsumerA, "?unread=true")).Single()!;
        Assert.That(notice["kind"]!.GetValue<string>(), Is.EqualTo("interface_change_resolved"));
    }
}
