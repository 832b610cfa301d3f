using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>§15 keyset pagination: limit, opaque cursor, Link rel="next"; stable while rows are added.</summary>
public sealed partial class PaginationTests : FunctionalTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
    }

    [GeneratedRegex("^<(?<url>[^>]+)>; rel=\"next\"$")]
    private static partial Regex NextLink();

    private static string? Next(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) && NextLink().Match(values.Single()) is { Success: true } match
            ? match.Groups["url"].Value
            : null;

    /// <summary>Inserts <paramref name="count"/> events older than anything the API logs, three to a timestamp (ties broken by id).</summary>
    private Task SeedEventsAsync(int count) =>
        WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO progress_events (id, repo_id, kind, summary, data, created_at, updated_at) " +
            "SELECT gen_random_uuid(), r.id, 'seeded', 'seeded ' || g, '{{}}'::jsonb, ts, ts FROM managed_repos r, generate_series(1, {0}) g, " +
            "LATERAL (SELECT timestamptz '2026-10-01T00:00:00Z' + (g / 3) * interval '1 second' AS ts) t WHERE r.slug = 'alpha'", count));

    [Test]
    public async Task WalkingAllPagesOfEvents_WhileMoreAreAdded_YieldsEveryOriginalExactlyOnce()
    {
        await SeedEventsAsync(1050);
        var originals = new HashSet<string>();
        await WithDbAsync(async db =>
        {
            foreach (var id in await db.ProgressEvents.Select(e => e.Id).ToListAsync())
                originals.Add(id.ToString());
        });

        var seen = new List<string>();
        string? url = "/repos/alpha/events?limit=100";
        var pages = 0;
        var added = 0;
        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            var page = JsonNode.Parse(text)!.AsArray();
            Assert.That(page, Has.Count.LessThanOrEqualTo(100));
            seen.AddRange(page.Select(e => e!["id"]!.GetValue<string>()));
            pages++;
            url = Next(response);
            for (var i = 0; i < 10 && added < 100; i++, added++)
            {
                Factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
                await PostCreatedAsync("/repos/alpha/events", new { kind = "added", summary = $"added {added}" });
            }
        }

        var originalsSeen = seen.Where(originals.Contains).ToList();
        Assert.That(originalsSeen, Has.Count.EqualTo(1050));
        Assert.That(originalsSeen.Distinct().Count(), Is.EqualTo(1050), "no original twice");
        Assert.That(seen.Distinct().Count(), Is.EqualTo(seen.Count), "no event twice");
        Assert.That(pages, Is.EqualTo(11));
        Assert.That(added, Is.EqualTo(100));
    }

    [Test]
    public async Task Events_PagesAreInNewestFirstOrder_AndTheLinkIsTheNextPagesFullUrl()
    {
        await SeedEventsAsync(7);

        var first = await Client.GetAsync("/repos/alpha/events?limit=3");
        var next = Next(first);

        Assert.That(next, Does.StartWith("http://localhost/repos/alpha/events?").And.Contain("limit=3").And.Contain("cursor="));
        var all = new List<JsonNode>();
        all.AddRange((await ReadJsonAsync(first)).AsArray()!);
        while (next is not null)
        {
            var response = await Client.GetAsync(next);
            all.AddRange((await ReadJsonAsync(response)).AsArray()!);
            next = Next(response);
        }

        var oneList = (await GetOkAsync("/repos/alpha/events?limit=500")).AsArray();
        Assert.That(all.Select(e => e!["id"]!.GetValue<string>()), Is.EqualTo(oneList.Select(e => e!["id"]!.GetValue<string>())));
    }

    [Test]
    public async Task Events_DefaultTo50()
    {
        await SeedEventsAsync(60);

        var response = await Client.GetAsync("/repos/alpha/events");

        Assert.That((await ReadJsonAsync(response)).AsArray(), Has.Count.EqualTo(50));
        Assert.That(Next(response), Is.Not.Null);
    }

    [Test]
    public async Task LastPage_HasNoLink()
    {
        await SeedEventsAsync(3);

        var response = await Client.GetAsync("/repos/alpha/events?limit=3");

        Assert.That((await ReadJsonAsync(response)).AsArray(), Has.Count.EqualTo(3));
        Assert.That(response.Headers.Contains("Link"), Is.False);
    }

    [Test]
    public async Task RegistryList_WithoutLimit_ReturnsEverything_AndPagesWithOne()
    {
        for (var i = 0; i < 5; i++)
            await CreateDomainAsync($"d{i}", $"Domain {i}");

        var all = await Client.GetAsync("/domains/");
        Assert.That((await ReadJsonAsync(all)).AsArray(), Has.Count.EqualTo(6));
        Assert.That(all.Headers.Contains("Link"), Is.False);

        var names = new List<string>();
        string? url = "/domains/?limit=4";
        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            names.AddRange((await ReadJsonAsync(response)).AsArray().Select(d => d!["slug"]!.GetValue<string>()));
            url = Next(response);
        }

        Assert.That(names, Is.EqualTo((await GetOkAsync("/domains/")).AsArray().Select(d => d!["slug"]!.GetValue<string>())));
    }

    [Test]
    public async Task WebhookDeliveries_PageWithLinkAndDefaultTo100_EveryAttemptOnceWhileMoreAreAdded()
    {
        var webhook = await PostCreatedAsync("/webhooks/", new { url = "http://93.184.215.14/hooks" });
        var deliveries = $"/webhooks/{webhook["id"]}/deliveries";
        for (var i = 0; i < 103; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromMilliseconds(i % 2)); // ties too: broken by attempt and id
            await SendOkAsync(HttpMethod.Post, $"/webhooks/{webhook["id"]}/ping", expected: HttpStatusCode.Accepted);
        }

        var first = await Client.GetAsync(deliveries);
        Assert.That((await ReadJsonAsync(first)).AsArray(), Has.Count.EqualTo(100), "a growing list: 100 by default");
        Assert.That(Next(first), Is.Not.Null);

        var originals = (await ReadJsonAsync(await Client.GetAsync(deliveries + "?limit=500"))).AsArray().Select(d => d!["id"]!.GetValue<string>()).ToList();
        var seen = new List<string>();
        string? url = deliveries + "?limit=7";
        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            seen.AddRange((await ReadJsonAsync(response)).AsArray().Select(d => d!["id"]!.GetValue<string>()));
            url = Next(response);
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await SendOkAsync(HttpMethod.Post, $"/webhooks/{webhook["id"]}/ping", expected: HttpStatusCode.Accepted);
        }

        Assert.That(seen, Is.EqualTo(originals), "newest first, every attempt once; newer attempts never shift the pages");
        await AssertProblemAsync(await Client.GetAsync(deliveries + "?cursor=nonsense"), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await Client.GetAsync(deliveries + "?limit=0"), HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task EveryOtherRegistryList_WithoutLimitReturnsEverything_AndWalksPageByPageToTheSameList()
    {
        const string fingerprint = "3f786850e387550fdab836ed7e6dc881de23001b";
        for (var i = 0; i < 5; i++)
        {
            await RegisterRepoAsync($"fork-{i}", gitFingerprint: fingerprint);
            await PostCreatedAsync("/webhooks/", new { url = $"http://93.184.215.14/hooks/{i}" });
            await PostCreatedAsync("/api-keys", new { name = $"reader-{i}", role = "reader" });
        }

        foreach (var (list, key, atLeast) in new[]
        {
            ($"/repos/by-fingerprint?hash={fingerprint}", "id", 5),
            ("/repos/doi/summary", "repo_slug", 6),
            ("/webhooks/", "id", 5),
            ("/api-keys", "id", 5),
        })
        {
            var all = await Client.GetAsync(list);
            var everything = (await ReadJsonAsync(all)).AsArray().Select(x => x![key]!.GetValue<string>()).ToList();
            Assert.That(everything, Has.Count.GreaterThanOrEqualTo(atLeast), list);
            Assert.That(all.Headers.Contains("Link"), Is.False, $"{list}: a registry list returns everything without limit");

            var walked = new List<string>();
            string? url = list + (list.Contains('?') ? "&" : "?") + "limit=2";
            var pages = 0;
            while (url is not null)
            {
                var response = await Client.GetAsync(url);
                var page = (await ReadJsonAsync(response)).AsArray();
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {page}");
                Assert.That(page, Has.Count.LessThanOrEqualTo(2), url);
                walked.AddRange(page.Select(x => x![key]!.GetValue<string>()));
                url = Next(response);
                Assert.That(++pages, Is.LessThan(20), list);
            }

            Assert.That(walked, Is.EqualTo(everything), list);
        }
    }

    [TestCase("/webhooks/?limit=0")]
    [TestCase("/webhooks/?cursor=abc")]
    [TestCase("/api-keys?limit=501")]
    [TestCase("/api-keys?cursor=abc")]
    [TestCase("/repos/doi/summary?limit=0")]
    [TestCase("/repos/doi/summary?cursor=ZG9tYWlucw")]
    [TestCase("/repos/by-fingerprint?hash=abc&limit=0")]
    [TestCase("/repos/by-fingerprint?hash=abc&cursor=abc")]
    [TestCase("/repos/alpha/events?limit=0")]
    [TestCase("/repos/alpha/events?limit=501")]
    [TestCase("/repos/alpha/events?limit=abc")]
    [TestCase("/repos/alpha/events?cursor=nonsense")]
    [TestCase("/repos/alpha/inbox?limit=0")]
    [TestCase("/repos/alpha/inbox?cursor=%E2%98%83")]
    [TestCase("/interface-changes/?limit=9999")]
    [TestCase("/interface-changes/?cursor=ZG9tYWlucw")]
    [TestCase("/repos/alpha/tpsc-snapshots?limit=-1")]
    [TestCase("/domains/?limit=0")]
    [TestCase("/domains/?cursor=abc")]
    [TestCase("/repos/?limit=501")]
    [TestCase("/repos/alpha/goals?cursor=abc")]
    [TestCase("/repos/alpha/workstreams?limit=0")]
    public async Task InvalidLimitOrCursor_Returns422(string url)
    {
        await AssertProblemAsync(await Client.GetAsync(url), HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task ACursorOfAnotherList_Returns422()
    {
        await SeedEventsAsync(3);
        var cursor = Regex.Match(Next(await Client.GetAsync("/repos/alpha/events?limit=1"))!, "cursor=([^&]+)").Groups[1].Value;

        await AssertProblemAsync(await Client.GetAsync($"/repos/alpha/inbox?cursor={cursor}"), HttpStatusCode.UnprocessableEntity);
    }
}
