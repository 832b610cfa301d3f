using System.Net;
using Microsoft.EntityFrameworkCore;
using StateHub.Client;

namespace StateHub.WebApi.FunctionalTests.ClientDriven;

/// <summary>
/// The C# client follows <c>Link: rel="next"</c> pages (§15) with <see cref="StateHubPaging"/>, against
/// the in-memory host: every item once, in the list's order, one request per page.
/// </summary>
public sealed class ClientPagingTests : ClientTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("alpha");
    }

    private Task SeedEventsAsync(int count) =>
        WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO progress_events (id, repo_id, kind, summary, data, created_at, updated_at) " +
            "SELECT gen_random_uuid(), r.id, 'seeded', 'seeded ' || g, '{{}}'::jsonb, ts, ts FROM managed_repos r, generate_series(1, {0}) g, " +
            "LATERAL (SELECT timestamptz '2026-10-01T00:00:00Z' + (g / 3) * interval '1 second' AS ts) t WHERE r.slug = 'alpha'", count));

    [Test]
    public async Task GetAllPagesAsync_Events_YieldsEveryEventOnceInOrderOverSeveralPages()
    {
        await SeedEventsAsync(23);
        var expected = (await Api.ProgressEvents.ListAsync("alpha", limit: 500)).Select(e => e.Id).ToList();

        var pages = await Api.HttpClient.GetPagesAsync<ProgressEventDto>("repos/alpha/events?limit=5").ToListAsync();
        var all = await Api.GetAllPagesAsync<ProgressEventDto>("repos/alpha/events?limit=5").ToListAsync();

        Assert.That(expected, Has.Count.EqualTo(23));
        Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 5, 5, 5, 5, 3 }));
        Assert.That(pages.SelectMany(p => p).Select(e => e.Id), Is.EqualTo(expected));
        Assert.That(all.Select(e => e.Id), Is.EqualTo(expected));
        Assert.That(all[0].Kind, Is.EqualTo("seeded"), "items are the generated DTOs, deserialized as the generated methods do");
    }

    [Test]
    public async Task GetAllPagesAsync_RegistryListWithFilter_KeepsTheFilterOnEveryPage()
    {
        await Api.Domains.CreateAsync(new CreateDomainRequest { Slug = "other", Name = "Other" });
        for (var i = 0; i < 7; i++)
            await RegisterRepoViaClientAsync($"repo-{i}");
        await Api.Repos.RegisterAsync(new RegisterRepoRequest { DomainSlug = "other", Slug = "elsewhere", Name = "Elsewhere" });

        var slugs = await Api.GetAllPagesAsync<RepoDto>("repos/?domain=platform&limit=3").Select(r => r.Slug).ToListAsync();

        Assert.That(slugs, Is.EqualTo((await Api.Repos.ListAsync(domain: "platform")).Select(r => r.Slug)));
        Assert.That(slugs, Has.Count.EqualTo(8).And.No.EqualTo("elsewhere"));
    }

    [Test]
    public async Task GetPagesAsync_RequestsEachPageOnlyWhenTheLastIsUsedUp()
    {
        await SeedEventsAsync(12);
        var counter = new CountingHandler();
        using var http = Factory.CreateDefaultClient(counter);

        await using (var pages = http.GetPagesAsync<ProgressEventDto>("repos/alpha/events?limit=4").GetAsyncEnumerator())
        {
            Assert.That(await pages.MoveNextAsync(), Is.True);
            Assert.That(pages.Current, Has.Count.EqualTo(4));
            Assert.That(counter.Requests, Is.EqualTo(1), "stopping after the first page sends nothing more");
        }

        var all = await http.GetPagesAsync<ProgressEventDto>("repos/alpha/events?limit=4").ToListAsync();
        Assert.That(all, Has.Count.EqualTo(3));
        Assert.That(counter.Requests, Is.EqualTo(1 + 3), "one request per page, none after the last");
    }

    [Test]
    public async Task GetAllPagesAsync_BadCursor_ThrowsTheProblem()
    {
        var problem = await AssertProblemAsync(
            async () => await Api.GetAllPagesAsync<ProgressEventDto>("repos/alpha/events?cursor=nonsense").ToListAsync(), 422);

        Assert.That(problem.Errors.Keys, Does.Contain("cursor"));
    }

    [Test]
    public void NextPage_ParsesRelNextAmongOtherLinks_AndKeepsTheRequestsOrigin()
    {
        using var sameOrigin = Response("http://hub.example:8000/repos/a/events?limit=2",
            "<http://hub.example:8000/repos/a/events?limit=2&cursor=abc>; rel=\"next\"");
        using var twoLinks = Response("http://hub.example:8000/repos/a/events?limit=2",
            "<http://hub.example:8000/docs>; rel=\"help\", <http://hub.example:8000/repos/a/events?limit=2&cursor=xyz>; rel=\"next\"");
        using var foreignOrigin = Response("https://proxy.example/hub/repos/a/events?limit=2",
            "<http://10.0.0.5:8000/repos/a/events?limit=2&cursor=abc>; rel=\"next\"");
        using var relative = Response("http://hub.example:8000/repos/a/events", "</repos/a/events?cursor=r>; rel=next");
        using var last = Response("http://hub.example:8000/repos/a/events", null);
        using var notNext = Response("http://hub.example:8000/repos/a/events", "<http://hub.example:8000/docs>; rel=\"help\"");

        Assert.That(sameOrigin.NextPage(), Is.EqualTo(new Uri("http://hub.example:8000/repos/a/events?limit=2&cursor=abc")));
        Assert.That(twoLinks.NextPage(), Is.EqualTo(new Uri("http://hub.example:8000/repos/a/events?limit=2&cursor=xyz")));
        Assert.That(foreignOrigin.NextPage(), Is.EqualTo(new Uri("https://proxy.example/hub/repos/a/events?limit=2&cursor=abc")),
            "another origin's link is followed on the request's own origin and path: the API key goes nowhere else");
        Assert.That(relative.NextPage(), Is.EqualTo(new Uri("http://hub.example:8000/repos/a/events?cursor=r")));
        Assert.That(last.NextPage(), Is.Null);
        Assert.That(notNext.NextPage(), Is.Null);
    }

    private static HttpResponseMessage Response(string requestUrl, string? link)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, requestUrl) };
        if (link is not null)
            response.Headers.TryAddWithoutValidation("Link", link);
        return response;
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
