using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Doi;

public sealed class DoiSummaryTests : DoiTestBase
{
    private readonly List<TestRepoDirectory> _dirs = [];

    [SetUp]
    public Task Arrange() => CreateDomainAsync();

    [TearDown]
    public void Cleanup() => _dirs.ForEach(d => d.Dispose());

    [Test]
    public async Task GetDoiSummary_MixedFleet_WorstTierFirstThenByNameAndArchivedLeftOut()
    {
        await RegisterRepoAsync("zeta-core", name: "Zeta", remoteUrl: "git@example.com:zeta.git");
        await MakeCoreAsync("zeta-core");
        await RegisterRepoAsync("alpha-core", name: "Alpha", remoteUrl: "git@example.com:alpha.git");
        await MakeCoreAsync("alpha-core");
        await RegisterRepoAsync("mid-none", name: "Mid");
        await RegisterRepoAsync("beta-none", name: "Beta");
        await RegisterRepoAsync("gone", name: "Gone");
        await SendOkAsync(HttpMethod.Patch, "/repos/gone/archive");

        var summary = (await GetOkAsync("/repos/doi/summary?include=criteria")).AsArray();

        Assert.That(summary.Select(e => e!["repo_slug"]!.GetValue<string>()), Is.EqualTo(new[] { "beta-none", "mid-none", "alpha-core", "zeta-core" }));
        Assert.That(summary.Select(e => e!["tier"]!.GetValue<string>()), Is.EqualTo(new[] { "none", "none", "core", "core" }));
        var first = summary[0]!;
        foreach (var field in new[] { "repo_slug", "domain_slug", "tier", "core_pass", "standard_pass", "full_pass", "checked_at", "next_tier_blockers", "criteria" })
            Assert.That(first.AsObject().ContainsKey(field), Is.True, field);
        var criteria = first["criteria"]!.AsArray();
        Assert.That(criteria.Select(c => c!["id"]!.GetValue<string>()), Is.EqualTo(Enumerable.Range(1, 14).Select(i => $"C{i}")));
        Assert.That(criteria.Select(c => c!.AsObject().Select(p => p.Key)), Has.All.EquivalentTo(new[] { "id", "label", "tier", "status", "detail" }));
        Assert.That(Status(first, "C2"), Is.EqualTo("fail"), "beta-none has no remote URL");
        Assert.That(Criterion(first, "C2")["tier"]!.GetValue<string>(), Is.EqualTo("core"));
        Assert.That(first["domain_slug"]!.GetValue<string>(), Is.EqualTo("platform"));
        Assert.That(first["full_evaluation"]!.GetValue<bool>(), Is.False);
        Assert.That(first["cached"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task GetDoiSummary_MixedCaseNamesInOneTier_TieBreaksCaseInsensitively()
    {
        await RegisterRepoAsync("gamma", name: "Gamma");
        await RegisterRepoAsync("beta", name: "beta");
        await RegisterRepoAsync("alpha", name: "Alpha");

        var summary = (await GetOkAsync("/repos/doi/summary")).AsArray();

        Assert.That(summary.Select(e => e!["tier"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "none" }));
        Assert.That(summary.Select(e => e!["repo_slug"]!.GetValue<string>()), Is.EqualTo(new[] { "alpha", "beta", "gamma" }));
    }

    [Test]
    public async Task GetDoiSummary_TrailingSlash_AnswersTheSame()
    {
        await RegisterRepoAsync("one");

        var summary = (await GetOkAsync("/repos/doi/summary/")).AsArray();

        Assert.That(summary, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetDoiSummary_ByDefault_EntriesLeaveOutTheirCriteria()
    {
        await RegisterRepoAsync("plain", remoteUrl: "git@example.com:plain.git");
        await MakeCoreAsync("plain");

        var entry = (await GetOkAsync("/repos/doi/summary")).AsArray().Single()!.AsObject();

        Assert.That(entry.Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "repo_slug", "domain_slug", "tier", "core_pass", "standard_pass", "full_pass", "checked_at", "next_tier_blockers", "cached", "full_evaluation",
        }));
        Assert.That(entry["tier"]!.GetValue<string>(), Is.EqualTo("core"));
        var withCriteria = (await GetOkAsync("/repos/doi/summary?include=criteria")).AsArray().Single()!;
        Assert.That(withCriteria["criteria"]!.AsArray(), Has.Count.EqualTo(14));
        Assert.That(withCriteria["next_tier_blockers"]!.ToJsonString(), Is.EqualTo(entry["next_tier_blockers"]!.ToJsonString()));
    }

    [Test]
    public async Task GetDoiSummary_Warm_StoredDecisionAnswersAsTheCriteriaDo_AndRowsWithoutItStillServe()
    {
        await RegisterRepoAsync("plain", remoteUrl: "git@example.com:plain.git");
        await MakeCoreAsync("plain");
        await RegisterRepoAsync("bare", name: "Bare");

        var cold = (await GetOkAsync("/repos/doi/summary")).AsArray();
        Assert.That(cold.Select(e => e!["cached"]!.GetValue<bool>()), Has.All.False);
        string? storedBlockers = null;
        await WithDbAsync(async db =>
        {
            var rows = await db.DoiCache.AsNoTracking().ToListAsync();
            Assert.That(rows.Select(r => r.NextTierBlockers), Has.All.Not.Null, "every new cache row stores its decision");
            storedBlockers = string.Join(",", rows.OrderBy(r => r.RepoId).SelectMany(r => r.NextTierBlockers!));
        });
        Assert.That(storedBlockers, Is.Not.Empty, "the fleet has blockers to show");

        // Warm, without criteria: the stored decision answers; with criteria: decided from the criteria. Same entries.
        var warm = (await GetOkAsync("/repos/doi/summary")).AsArray();
        var withCriteria = (await GetOkAsync("/repos/doi/summary?include=criteria")).AsArray();
        Assert.That(warm.Select(e => e!["cached"]!.GetValue<bool>()), Has.All.True);
        foreach (var (plain, full) in warm.Zip(withCriteria))
        {
            full!.AsObject().Remove("criteria");
            Assert.That(plain!.ToJsonString(), Is.EqualTo(full.ToJsonString()));
        }

        // A row written before the decision was stored (NULL) is still served, from its criteria, identically.
        await WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE doi_cache SET next_tier_blockers = NULL"));
        var fromCriteria = (await GetOkAsync("/repos/doi/summary")).AsArray();
        Assert.That(fromCriteria.ToJsonString(), Is.EqualTo(warm.ToJsonString()));
    }

    [TestCase("?include=everything")]
    [TestCase("?include=")]
    [TestCase("?includes=criteria")]
    public async Task GetDoiSummary_UnknownIncludeOrParameter_Is422WithDetail(string query)
    {
        await RegisterRepoAsync("one");

        var problem = await AssertProblemAsync(await Client.GetAsync("/repos/doi/summary" + query), HttpStatusCode.UnprocessableEntity);

        Assert.That(problem["detail"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task GetDoiSummary_CacheMiss_SkipsC7AndC13ButReusesAFullEvaluation()
    {
        await RegisterRepoAsync("solo", remoteUrl: "git@example.com:solo.git");
        await MakeCoreAsync("solo");

        var fromSummary = (await GetOkAsync("/repos/doi/summary?include=criteria")).AsArray().Single()!;
        Assert.That(fromSummary["full_evaluation"]!.GetValue<bool>(), Is.False);
        foreach (var id in new[] { "C7", "C13" })
        {
            Assert.That(Status(fromSummary, id), Is.EqualTo("skip"), id);
            Assert.That(Detail(fromSummary, id), Is.EqualTo("Not run in the fleet summary; GET /repos/solo/doi runs it."), id);
        }

        // The summary's own evaluation skipped C7 and C13, so the full report does not reuse it ...
        var report = await GetDoiAsync("solo");
        Assert.That(Cached(report), Is.False);
        Assert.That(Status(report, "C13"), Is.EqualTo("fail"), Describe(report));

        // ... but the summary reuses the full report's evaluation while nothing changes.
        var again = (await GetOkAsync("/repos/doi/summary?include=criteria")).AsArray().Single()!;
        Assert.That(again["cached"]!.GetValue<bool>(), Is.True);
        Assert.That(again["full_evaluation"]!.GetValue<bool>(), Is.True);
        Assert.That(again["tier"]!.GetValue<string>(), Is.EqualTo(Tier(report)));
        Assert.That(again["criteria"]!.ToJsonString(), Is.EqualTo(report["criteria"]!.ToJsonString()), "the full report's criteria, C7 and C13 included");
    }

    [Test]
    public async Task GetDoiSummary_InputChanges_SeenOnTheNextSummary()
    {
        await RegisterRepoAsync("mover", remoteUrl: "git@example.com:mover.git");
        var dir = await MakeCoreAsync("mover");
        Assert.That(SummaryTier(await GetOkAsync("/repos/doi/summary"), "mover"), Is.EqualTo("core"));
        Assert.That((await GetOkAsync("/repos/doi/summary")).AsArray().Single()!["cached"]!.GetValue<bool>(), Is.True);

        dir.Delete("AGENTS.md");
        Assert.That(SummaryTier(await GetOkAsync("/repos/doi/summary"), "mover"), Is.EqualTo("none"));
        dir.Write("AGENTS.md", "back");
        Assert.That(SummaryTier(await GetOkAsync("/repos/doi/summary"), "mover"), Is.EqualTo("core"));
        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "archived" });
        Assert.That(SummaryTier(await GetOkAsync("/repos/doi/summary"), "mover"), Is.EqualTo("none"));
    }

    [Test]
    public async Task GetDoiSummary_ReposWithDirectories_EvaluatedInParallelWithTheRightTiers()
    {
        for (var i = 0; i < 12; i++)
        {
            var slug = $"repo-{i:00}";
            await RegisterRepoAsync(slug, remoteUrl: $"git@example.com:{slug}.git");
            var dir = await MakeCoreAsync(slug);
            if (i % 3 == 0)
                dir.Delete("AGENTS.md");
        }

        var summary = (await GetOkAsync("/repos/doi/summary")).AsArray();

        Assert.That(summary.Count(e => e!["tier"]!.GetValue<string>() == "none"), Is.EqualTo(4));
        Assert.That(summary.Count(e => e!["tier"]!.GetValue<string>() == "core"), Is.EqualTo(8));
        Assert.That(summary.Take(4).Select(e => e!["repo_slug"]!.GetValue<string>()), Is.EqualTo(new[] { "repo-00", "repo-03", "repo-06", "repo-09" }));
    }

    [TestCase(20)]
    [TestCase(200)]
    public async Task GetDoiSummary_Fleet_ColdReadsOnceAndWritesOnce_UnchangedIsOneStatement(int size)
    {
        await ArrangeFleetAsync(size);

        using (Factory.SqlCounter.Record())
            Assert.That((await GetOkAsync("/repos/doi/summary")).AsArray(), Has.Count.EqualTo(size));
        var cold = Factory.SqlCounter.Statements;
        // The cold summary's cache write is a change of its inputs: the next read of each shape reads them anew, once.
        using (Factory.SqlCounter.Record())
            await GetOkAsync("/repos/doi/summary?include=criteria");
        var criteriaRead = Factory.SqlCounter.Statements.Count(s => !s.Contains("doi_input_changes", StringComparison.Ordinal));
        using (Factory.SqlCounter.Record())
            await GetOkAsync("/repos/doi/summary");
        var plainReread = Factory.SqlCounter.Count;

        JsonArray cached;
        using (Factory.SqlCounter.Record())
            cached = (await GetOkAsync("/repos/doi/summary?include=criteria")).AsArray();
        var warm = Factory.SqlCounter.Statements;
        JsonArray plain;
        using (Factory.SqlCounter.Record())
            plain = (await GetOkAsync("/repos/doi/summary")).AsArray();
        var warmPlain = Factory.SqlCounter.Statements;

        Assert.That(cold.Count(s => s.Contains("INSERT INTO doi_cache", StringComparison.Ordinal)), Is.EqualTo(1), "every cache write of the cold summary goes in one statement");
        // (Plus the check of what this host kept from an earlier test, if it kept anything.)
        Assert.That(cold.Where(s => !s.Contains("doi_input_changes", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(3),
            "the snapshot, the inputs, the cache write: " + string.Join("\n---\n", cold));
        Assert.That(criteriaRead, Is.EqualTo(2), "nothing (fresh) kept with criteria: the snapshot and the inputs");
        Assert.That(plainReread, Is.EqualTo(3), "the kept inputs are stale (the cache write): the check, the snapshot, the inputs");
        Assert.That(warm, Has.Count.EqualTo(1), "a fully cached, unchanged fleet is one statement: " + string.Join("\n---\n", warm));
        Assert.That(warm.Single(), Does.Contain("doi_input_changes"));
        Assert.That(cached.All(e => e!["cached"]!.GetValue<bool>()), Is.True);
        Assert.That(cached.All(e => e!["criteria"]!.AsArray().Count == 14), Is.True, "the cached rows' criteria, at no extra statement");
        Assert.That(warmPlain, Has.Count.EqualTo(1), "without criteria, the same one statement");
        Assert.That(plain.All(e => !e!.AsObject().ContainsKey("criteria")), Is.True);
        Assert.That(plain.Select(e => e!["tier"]!.GetValue<string>()), Is.EqualTo(cached.Select(e => e!["tier"]!.GetValue<string>())));
    }

    [Test]
    public async Task GetDoiSummary_ChangeCommittedAfterTheInputsWereKept_IsShownOnTheNextRead()
    {
        await ArrangeFleetAsync(3);
        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/repos/doi/summary");
        using (Factory.SqlCounter.Record())
            Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Member("fleet-001"));
        Assert.That(Factory.SqlCounter.Count, Is.EqualTo(1), "the kept inputs serve: this test is about them");

        // A writer outside the hub, still open while the summary is read: it must not show, nor be missed after its commit.
        await using var connection = new Npgsql.NpgsqlConnection(Lane.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var archive = new Npgsql.NpgsqlCommand("UPDATE managed_repos SET status = 'archived' WHERE slug = 'fleet-001'", connection, transaction))
            Assert.That(await archive.ExecuteNonQueryAsync(), Is.EqualTo(1));

        Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Member("fleet-001"), "not committed yet");
        await transaction.CommitAsync();
        Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.No.Member("fleet-001"));
        Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GetDoiSummary_WriterStillOpenWhenTheInputsWereRead_IsShownAfterItsCommit()
    {
        await ArrangeFleetAsync(3);
        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/repos/doi/summary");

        // The writer is running when the node reads the inputs anew (kept inputs are let go after a minute): its change
        // must be neither shown nor missed. A later transaction has committed meanwhile, so the snapshot lists the writer
        // as running (its id is the snapshot's xmin, below its xmax) rather than leaving it out as not yet started.
        await using var connection = new Npgsql.NpgsqlConnection(Lane.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var archive = new Npgsql.NpgsqlCommand("UPDATE managed_repos SET status = 'archived' WHERE slug = 'fleet-001'", connection, transaction))
            Assert.That(await archive.ExecuteNonQueryAsync(), Is.EqualTo(1));
        await PostCreatedAsync("/repos/fleet-002/goals", new { title = "Committed while the writer runs" });
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using (Factory.SqlCounter.Record())
            Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Member("fleet-001"), "not committed yet");
        Assert.That(Factory.SqlCounter.Statements, Has.Some.Contains("pg_current_snapshot"), "read anew, with the writer in progress");
        // That read's cache write (the new goal) makes the next read read anew, the writer still running.
        Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Member("fleet-001"), "still not committed");
        using (Factory.SqlCounter.Record())
            Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Member("fleet-001"), "still not committed");
        Assert.That(Factory.SqlCounter.Count, Is.EqualTo(1), "the inputs read with the writer in progress are kept");

        await transaction.CommitAsync();

        Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.No.Member("fleet-001"));
    }

    [Test]
    public async Task ListActive_InsideATransactionThatRollsBack_KeepsNothingOtherRequestsSee()
    {
        await ArrangeFleetAsync(3);
        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/repos/doi/summary");

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StateHub.Infrastructure.Persistence.StateHubDbContext>();
            var inputs = scope.ServiceProvider.GetRequiredService<StateHub.Application.Common.Abstractions.IDoiInputsQuery>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE managed_repos SET status = 'archived' WHERE slug = 'fleet-001'");

            var seen = await inputs.ListActiveAsync(withCriteria: false, CancellationToken.None);

            Assert.That(seen.Select(i => i.Repo.Slug), Has.No.Member("fleet-001"), "the transaction sees its own write");
            await transaction.RollbackAsync();
        }

        Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Member("fleet-001"), "the rolled-back write never shows");
    }

    [Test]
    public async Task GetDoiSummary_ChangeThroughAnotherNode_IsShownByTheNodeThatKeptItsInputs()
    {
        // A second node on the same database (one for the run: every test starts from an empty database).
        using var otherNode = TestHosts.Get(new Dictionary<string, string?> { ["Tests:Node"] = "second" }).CreateClient();
        await ArrangeFleetAsync(2);
        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/repos/doi/summary");
        Assert.That(Slugs(await GetOkAsync("/repos/doi/summary")), Has.Count.EqualTo(2));

        using var created = await otherNode.PostAsJsonAsync("/repos/", new { slug = "late", name = "Late", domain_slug = "platform" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var goal = await otherNode.PostAsJsonAsync("/repos/fleet-001/goals", new { title = "Ship it" });
        Assert.That(goal.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var summary = await GetOkAsync("/repos/doi/summary");
        Assert.That(Slugs(summary), Is.EquivalentTo(new[] { "fleet-000", "fleet-001", "late" }));
        Assert.That(summary.AsArray().Single(e => e!["repo_slug"]!.GetValue<string>() == "late")!["cached"]!.GetValue<bool>(), Is.False);
    }

    private static List<string> Slugs(JsonNode summary) =>
        summary.AsArray().Select(e => e!["repo_slug"]!.GetValue<string>()).ToList();

    [Test]
    public async Task GetDoiSummary_CachedFleetOf20And200_SameStatementCount()
    {
        await ArrangeFleetAsync(20);
        await GetOkAsync("/repos/doi/summary");
        using (Factory.SqlCounter.Record())
            await GetOkAsync("/repos/doi/summary");
        var small = Factory.SqlCounter.Count;

        await ResetDatabaseAsync();
        await CreateDomainAsync();
        await ArrangeFleetAsync(200);
        await GetOkAsync("/repos/doi/summary");
        using (Factory.SqlCounter.Record())
            await GetOkAsync("/repos/doi/summary");
        var large = Factory.SqlCounter.Count;

        Assert.That(large, Is.EqualTo(small));
    }

    private static string SummaryTier(JsonNode summary, string slug) =>
        summary.AsArray().Single(e => e!["repo_slug"]!.GetValue<string>() == slug)!["tier"]!.GetValue<string>();

    /// <summary>A repo directory that meets every core criterion.</summary>
    private async Task<TestRepoDirectory> MakeCoreAsync(string slug)
    {
        var dir = TestRepoDirectory.Create(slug);
        _dirs.Add(dir);
        dir.Write("AGENTS.md", "instructions");
        dir.Commit("first");
        await RegisterPathAsync(slug, dir.Path);
        await SendOkAsync(HttpMethod.Patch, $"/repos/{slug}", new { git_fingerprint = dir.RootCommit });
        return dir;
    }

    /// <summary>A fleet arranged straight in the database: repos with goals, snapshots, unread mail and facts reports.</summary>
    private Task ArrangeFleetAsync(int size) =>
        WithDbAsync(async db =>
        {
            var domain = db.Domains.Local.FirstOrDefault() ?? db.Domains.Single(d => d.Slug == "platform");
            var paused = RepoDomain.Create("paused-" + size, "Paused", null, DomainStatus.Paused);
            db.Domains.Add(paused);
            for (var i = 0; i < size; i++)
            {
                var repo = ManagedRepo.Register(i % 7 == 0 ? paused : domain, $"fleet-{i:000}", $"Fleet {i:000}", remoteUrl: $"git@example.com:fleet-{i}.git", gitFingerprint: new string('b', 40));
                db.Repos.Add(repo);
                db.Goals.Add(StateHub.Domain.Work.RepoGoal.Create(repo.Id, "Goal", null, 1));
                if (i % 2 == 0)
                    db.TpscSnapshots.Add(StateHub.Domain.Tpsc.TpscSnapshot.Create(repo.Id, Factory.Clock.GetUtcNow(), []));
                if (i % 3 == 0)
                    db.InboxMessages.Add(StateHub.Domain.Inbox.InboxMessage.Create(repo.Id, "note", "Subject", "Body"));
                if (i % 5 == 0)
                    db.RepoFacts.Add(RepoFactsReport.Create(repo.Id, ["AGENTS.md", "README.md"], "[]", new string('b', 40), Factory.Clock.GetUtcNow(), Factory.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        });
}
