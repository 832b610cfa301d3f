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
    [TestCase("/domains/?limit=0x10")]
    [TestCase("/domains/?limit=%2310")]
    [TestCase("/domains/?limit=%26h10")]
    [TestCase("/repos/alpha/events?limit=0X1F4")]
    [TestCase("/repos/alpha/events?limit=%D9%A1")]
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

    /// <summary>Decimal digits with an optional sign and surrounding spaces, as pydantic reads an integer.</summary>
    [TestCase("/domains/?limit=2", 2)]
    [TestCase("/domains/?limit=%2B2", 2)]
    [TestCase("/domains/?limit=%202%20", 2)]
    [TestCase("/domains/?limit=", 3)]
    public async Task DecimalLimit_IsRead(string url, int count)
    {
        await CreateDomainAsync("second");
        await CreateDomainAsync("third");

        Assert.That((await GetOkAsync(url)).AsArray(), Has.Count.EqualTo(count));
    }

    [Test]
    public async Task ACursorOfAnotherList_Returns422()
    {
        await SeedEventsAsync(3);
        var cursor = Regex.Match(Next(await Client.GetAsync("/repos/alpha/events?limit=1"))!, "cursor=([^&]+)").Groups[1].Value;

        await AssertProblemAsync(await Client.GetAsync($"/repos/alpha/inbox?cursor={cursor}"), HttpStatusCode.UnprocessableEntity);
    }

    private static string CursorOf(string nextUrl) => Regex.Match(nextUrl, "cursor=([^&]+)").Groups[1].Value;

    private static string WithCursor(string url, string cursor) => $"{url}{(url.Contains('?') ? "&" : "?")}cursor={cursor}";

    /// <summary>Two of everything in delta and gamma (and in two webhooks), so every list has a second page.</summary>
    private async Task<(string DeltaWorkstream, string GammaWorkstream, string HookA, string HookB)> ArrangeTwoOfEverythingAsync(string fingerprint)
    {
        await CreateDomainAsync("other", "Other");
        await RegisterRepoAsync("orig");
        await RegisterRepoAsync("delta", gitFingerprint: fingerprint);
        await RegisterRepoAsync("gamma", gitFingerprint: fingerprint);
        await RegisterRepoAsync("epsilon", domainSlug: "other", gitFingerprint: fingerprint);
        var workstreams = new Dictionary<string, string>();
        foreach (var repo in new[] { "delta", "gamma" })
        {
            for (var i = 0; i < 2; i++)
            {
                Factory.Clock.Advance(TimeSpan.FromSeconds(1));
                await PostCreatedAsync($"/repos/{repo}/events", new { kind = "note", summary = $"{repo} {i}" });
                await PostCreatedAsync($"/repos/{repo}/goals", new { title = $"Goal {i}" });
                await PostCreatedAsync($"/repos/{repo}/tpsc-snapshots", new { components = new[] { new { name = $"c{i}" } } });
                var workstream = await PostCreatedAsync($"/repos/{repo}/workstreams", new { key = $"WP-{i}", title = $"Work {i}" });
                workstreams.TryAdd(repo, workstream["id"]!.GetValue<string>());
                await PostCreatedAsync($"/workstreams/{workstreams[repo]}/tasks", new { key = $"T{i}", title = $"Task {i}" });
            }
        }

        for (var i = 0; i < 2; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            var change = await PostCreatedAsync("/interface-changes/", new
            {
                origin_repo_slug = "orig",
                title = $"Change {i}",
                change_type = "additive",
                interface_type = "event",
                affected_repo_slugs = new[] { "delta", "gamma" },
            });
            await SendOkAsync(HttpMethod.Post, $"/interface-changes/{change["id"]}/publish");
        }

        var hooks = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var webhook = await PostCreatedAsync("/webhooks/", new { url = $"http://93.184.215.14/hooks/{i}" });
            hooks.Add(webhook["id"]!.GetValue<string>());
            for (var ping = 0; ping < 2; ping++)
                await SendOkAsync(HttpMethod.Post, $"/webhooks/{webhook["id"]}/ping", expected: HttpStatusCode.Accepted);
        }

        return (workstreams["delta"], workstreams["gamma"], hooks[0], hooks[1]);
    }

    /// <summary>
    /// A cursor is a position in one list: the same kind of list for another repo, workstream or
    /// subscription, or under other filters, would start somewhere in the middle and skip rows. Each
    /// pair is (the list whose first page gives the cursor, the list it is refused on).
    /// </summary>
    [Test]
    public async Task ACursorOfTheSameListForAnotherParentOrOtherFilters_Returns422NamingCursor()
    {
        const string fingerprint = "5f786850e387550fdab836ed7e6dc881de23001b";
        var (deltaWorkstream, gammaWorkstream, hookA, hookB) = await ArrangeTwoOfEverythingAsync(fingerprint);
        var accepted = new List<string>();

        foreach (var (from, on) in new[]
        {
            ("/repos/delta/events", "/repos/gamma/events"),
            ("/repos/delta/inbox", "/repos/gamma/inbox"),
            ("/repos/delta/inbox?unread=true", "/repos/delta/inbox"),
            ("/repos/delta/inbox?unread=true", "/repos/delta/inbox?unread=false"),
            ("/repos/delta/tpsc-snapshots", "/repos/gamma/tpsc-snapshots"),
            ("/repos/delta/goals", "/repos/gamma/goals"),
            ("/repos/delta/workstreams", "/repos/gamma/workstreams"),
            ($"/workstreams/{deltaWorkstream}/tasks", $"/workstreams/{gammaWorkstream}/tasks"),
            ("/interface-changes/?origin=orig", "/interface-changes/?affected=delta"),
            ("/interface-changes/?origin=orig", "/interface-changes/"),
            ("/interface-changes/?origin=orig", "/interface-changes/?origin=orig&status=published"),
            ("/interface-changes/?affected=delta", "/interface-changes/?affected=gamma"),
            ("/repos/?domain=platform", "/repos/"),
            ("/repos/", "/repos/?domain=other"),
            ($"/repos/by-fingerprint?hash={fingerprint}", $"/repos/by-fingerprint?hash={fingerprint}&remote_url=https://example.com/x.git"),
            ($"/webhooks/{hookA}/deliveries", $"/webhooks/{hookB}/deliveries"),
            ($"/webhooks/{hookA}/deliveries", $"/webhooks/{hookA}/deliveries?status=pending"),
        })
        {
            var first = await Client.GetAsync(WithLimit(from));
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), from);
            var next = Next(first);
            Assert.That(next, Is.Not.Null, $"{from} has a second page");
            var cursor = CursorOf(next!);
            Assert.That((await Client.GetAsync(next)).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{from}: its own cursor reads on");

            var response = await Client.GetAsync(WithCursor(WithLimit(on), cursor));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity || JsonNode.Parse(body)?["errors"]?["cursor"] is null)
                accepted.Add($"{from} → {on}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }

        Assert.That(accepted, Is.Empty, "each a 422 naming cursor; accepted:\n" + string.Join("\n", accepted));

        static string WithLimit(string url) => $"{url}{(url.Contains('?') ? "&" : "?")}limit=1";
    }
}
