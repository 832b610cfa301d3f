using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Doi;

/// <summary>
/// A real repo directory walked from tier none to full and back. Every change is seen on the next
/// request without force_refresh: the cache never serves a result whose inputs changed.
/// </summary>
public sealed class DoiWalkTests : DoiTestBase
{
    private TestRepoDirectory _dir = null!;

    [SetUp]
    public async Task Arrange()
    {
        _dir = TestRepoDirectory.Create();
        await CreateDomainAsync();
    }

    [TearDown]
    public void Cleanup() => _dir.Dispose();

    [Test]
    public async Task GetRepoDoi_RepoWalksFromNoneToFullAndBack_EveryChangeIsSeenWithoutForceRefresh()
    {
        await RegisterRepoAsync("walker", remoteUrl: "git@example.com:org/walker.git");
        var repoId = await RepoIdAsync("walker");

        // none: no readable directory, no facts.
        var report = await GetDoiAsync("walker");
        Assert.That(Tier(report), Is.EqualTo("none"), Describe(report));
        Assert.That(Status(report, "C4"), Is.EqualTo("fail"));
        Assert.That(Detail(report, "C5"), Does.Contain("POST /repos/walker/paths").And.Contain("PUT /repos/walker/facts"));
        Assert.That(Blockers(report), Is.EquivalentTo(new[] { "C3", "C4", "C5" }));
        Assert.That(report["next_tier"]!.GetValue<string>(), Is.EqualTo("core"));

        // core: a git repo with agent instructions, its path registered, its fingerprint recorded.
        _dir.Write("AGENTS.md", "# Agent instructions\n");
        _dir.Commit("first");
        await RegisterPathAsync("walker", _dir.Path);
        await SendOkAsync(HttpMethod.Patch, "/repos/walker", new { git_fingerprint = _dir.RootCommit });
        report = await GetDoiAsync("walker");
        Assert.That(Tier(report), Is.EqualTo("core"), Describe(report));
        Assert.That(report["disk_facts_source"]!.GetValue<string>(), Is.EqualTo("directory"));
        Assert.That(Blockers(report), Is.EquivalentTo(new[] { "C6", "C8", "C9", "C10" }));
        Assert.That(Status(report, "C7"), Is.EqualTo("skip"), "no workplan files yet");
        Assert.That(Status(report, "C11"), Is.EqualTo("pass"), Describe(report));

        // A workplan file the hub does not know yet: C7 names the drift.
        _dir.Write("README.md", "# Walker\n").Write(WorkplanFile, WorkplanText);
        _dir.Commit("second");
        report = await GetDoiAsync("walker");
        Assert.That(Status(report, "C7"), Is.EqualTo("fail"), Describe(report));
        Assert.That(Detail(report, "C7"), Does.Contain("workstream WP-1 (in workplans/WP-1.md) is missing in the hub"));
        Assert.That(Detail(report, "C13"), Does.Contain("never been synced"));

        // standard: the workplan synced into the hub, a fresh SBOM, a TPSC snapshot, an active goal.
        await SyncAsync("walker");
        await SendOkAsync(HttpMethod.Patch, "/repos/walker", new { last_sbom_at = Factory.Clock.GetUtcNow() });
        await AddTpscSnapshotAsync("walker");
        await AddGoalAsync("walker");
        report = await GetDoiAsync("walker");
        Assert.That(Tier(report), Is.EqualTo("standard"), Describe(report));
        Assert.That(Status(report, "C7"), Is.EqualTo("pass"), Describe(report));
        Assert.That(Status(report, "C13"), Is.EqualTo("pass"), Describe(report));
        Assert.That(Blockers(report), Is.EqualTo(new[] { "C12" }));
        Assert.That(Detail(report, "C12"), Does.Contain(".ci/run"));

        // full: CI configuration.
        _dir.Write(".ci/run", "#!/bin/sh\ndotnet test\n");
        report = await GetDoiAsync("walker");
        Assert.That(Tier(report), Is.EqualTo("full"), Describe(report));
        Assert.That(report["full_pass"]!.GetValue<bool>(), Is.True);
        Assert.That(Blockers(report), Is.Empty);
        Assert.That(report["next_tier"], Is.Null);
        Assert.That(Cached(report), Is.False);

        // Nothing changed: the cache answers, with the same evaluation time.
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var again = await GetDoiAsync("walker");
        Assert.That(Cached(again), Is.True);
        Assert.That(Tier(again), Is.EqualTo("full"));
        Assert.That(again["checked_at"]!.ToString(), Is.EqualTo(report["checked_at"]!.ToString()));

        // A removed README drops the repo to core.
        _dir.Delete("README.md");
        report = await GetDoiAsync("walker");
        Assert.That(Cached(report), Is.False);
        Assert.That(Tier(report), Is.EqualTo("core"), Describe(report));
        Assert.That(Status(report, "C6"), Is.EqualTo("fail"));
        Assert.That(Detail(report, "C6"), Does.Contain("Add a README.md"));
        Assert.That(Blockers(report), Is.EqualTo(new[] { "C6" }));
        _dir.Write("README.md", "# Walker, again\n");
        Assert.That(Tier(await GetDoiAsync("walker")), Is.EqualTo("full"));

        // A paused domain drops it to none.
        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "paused" });
        report = await GetDoiAsync("walker");
        Assert.That(Tier(report), Is.EqualTo("none"), Describe(report));
        Assert.That(Status(report, "C1"), Is.EqualTo("fail"));
        Assert.That(Detail(report, "C1"), Does.Contain("PATCH /domains/platform"));
        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "active" });
        Assert.That(Tier(await GetDoiAsync("walker")), Is.EqualTo("full"));

        // An SBOM older than 30 days (time passes; nothing else is touched) drops it to core.
        Factory.Clock.Advance(TimeSpan.FromDays(31));
        report = await GetDoiAsync("walker");
        Assert.That(Cached(report), Is.False);
        Assert.That(Status(report, "C8"), Is.EqualTo("fail"), Describe(report));
        Assert.That(Detail(report, "C8"), Does.Contain("older than 30 days").And.Contain("last_sbom_at"));
        Assert.That(Status(report, "C13"), Is.EqualTo("fail"), "the sync is 31 days old too");
        Assert.That(Tier(report), Is.EqualTo("core"));
        await SendOkAsync(HttpMethod.Patch, "/repos/walker", new { last_sbom_at = Factory.Clock.GetUtcNow() });
        await SyncAsync("walker");
        Assert.That(Tier(await GetDoiAsync("walker")), Is.EqualTo("full"));

        // An unread inbox message is fine for 7 days, then drops the repo to standard.
        var messageId = await AddInboxMessageAsync(repoId);
        report = await GetDoiAsync("walker");
        Assert.That(Tier(report), Is.EqualTo("full"), Describe(report));
        Assert.That(Status(report, "C14"), Is.EqualTo("pass"));
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        Assert.That(Cached(await GetDoiAsync("walker")), Is.True, "3 days later no time bucket has flipped");
        await SyncAsync("walker");
        Factory.Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        report = await GetDoiAsync("walker");
        Assert.That(Cached(report), Is.False);
        Assert.That(Status(report, "C14"), Is.EqualTo("fail"), Describe(report));
        Assert.That(Status(report, "C13"), Is.EqualTo("pass"), "the sync is 4 days old");
        Assert.That(Detail(report, "C14"), Does.Contain("POST /inbox/{id}/read"));
        Assert.That(Tier(report), Is.EqualTo("standard"));
        Assert.That(Blockers(report), Is.EqualTo(new[] { "C14" }));
        await MarkInboxReadAsync(messageId);
        Assert.That(Tier(await GetDoiAsync("walker")), Is.EqualTo("full"));
    }

    [Test]
    public async Task GetRepoDoi_WorkplanDisagreesWithHub_FailsC7AndOrphansFailC13()
    {
        await RegisterRepoAsync("planner", remoteUrl: "git@example.com:org/planner.git");
        var repoId = await RepoIdAsync("planner");
        _dir.Write("AGENTS.md", "a").Write(WorkplanFile, WorkplanText.Replace("status: todo", "status: done"));
        _dir.Commit("first");
        await RegisterPathAsync("planner", _dir.Path);
        await AddMatchingWorkstreamAsync(repoId);
        await WithDbAsync(async db =>
        {
            var orphan = StateHub.Domain.Work.Workstream.Create(repoId, "WP-OLD", "Gone plan", StateHub.Domain.Work.WorkstreamStatus.Active, "workplans/WP-OLD.md");
            db.Workstreams.Add(orphan);
            await db.SaveChangesAsync();
        });
        await MarkSyncedAsync(repoId);

        var report = await GetDoiAsync("planner");

        Assert.That(Status(report, "C7"), Is.EqualTo("fail"), Describe(report));
        Assert.That(Detail(report, "C7"), Does.Contain("task WP-1/T01 is 'done' in workplans/WP-1.md but 'todo' in the hub").And.Contain("POST /repos/planner/sync"));
        Assert.That(Status(report, "C13"), Is.EqualTo("fail"));
        Assert.That(Detail(report, "C13"), Does.Contain("WP-OLD"));
    }

    [Test]
    public async Task GetRepoDoi_FingerprintIsNotTheRootCommit_FailsC11WithTheActualRoot()
    {
        _dir.Write("AGENTS.md", "a");
        _dir.Commit("first");
        _dir.Write("README.md", "b");
        _dir.Commit("second");
        _dir.Git("gc", "--quiet");
        await RegisterRepoAsync("forked", remoteUrl: "git@example.com:org/forked.git", gitFingerprint: new string('a', 40));
        await RegisterPathAsync("forked", _dir.Path);

        var report = await GetDoiAsync("forked");

        Assert.That(Status(report, "C11"), Is.EqualTo("fail"));
        Assert.That(Detail(report, "C11"), Does.Contain(_dir.RootCommit!).And.Contain("PATCH /repos/forked"));

        await SendOkAsync(HttpMethod.Patch, "/repos/forked", new { git_fingerprint = _dir.RootCommit });
        Assert.That(Status(await GetDoiAsync("forked"), "C11"), Is.EqualTo("pass"));
    }

    [Test]
    public async Task GetRepoDoi_SbomTimeInTheFuture_FailsC8UntilThatTimeComesWithoutServingStale()
    {
        await RegisterRepoAsync("ahead");
        var future = Factory.Clock.GetUtcNow().AddDays(2);
        await SendOkAsync(HttpMethod.Patch, "/repos/ahead", new { last_sbom_at = future });

        var report = await GetDoiAsync("ahead");
        Assert.That(Status(report, "C8"), Is.EqualTo("fail"), Describe(report));
        Assert.That(Detail(report, "C8"), Does.Contain("in the future").And.Contain("PATCH /repos/ahead").And.Contain("last_sbom_at"));

        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.That(Cached(await GetDoiAsync("ahead")), Is.True, "still in the future: nothing can have changed");

        // Within the clock-skew allowance the time counts as now; nothing but time has changed.
        Factory.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(4));
        report = await GetDoiAsync("ahead");
        Assert.That(Cached(report), Is.False, "the future SBOM time came within range");
        Assert.That(Status(report, "C8"), Is.EqualTo("pass"), Describe(report));
    }

    [Test]
    public async Task GetRepoDoi_ForceRefresh_EvaluatesAgainEvenWhenCached()
    {
        await RegisterRepoAsync("fresh");
        var first = await GetDoiAsync("fresh");
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var cached = await GetDoiAsync("fresh");
        var forced = await GetDoiAsync("fresh", forceRefresh: true);

        Assert.That(Cached(cached), Is.True);
        Assert.That(Cached(forced), Is.False);
        Assert.That(forced["checked_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(first["checked_at"]!.GetValue<DateTimeOffset>().AddMinutes(5)));
    }

    [Test]
    public async Task GetRepoDoi_LinkedWorktreeWhoseGitDirIsOutside_FailsC11WithoutFollowingIt()
    {
        _dir.Write("AGENTS.md", "a");
        _dir.Commit("first");
        var worktree = Path.Combine(Path.GetDirectoryName(_dir.Path)!, "linked");
        _dir.Git("worktree", "add", "--quiet", worktree);
        await RegisterRepoAsync("linked", remoteUrl: "git@example.com:org/linked.git", gitFingerprint: _dir.RootCommit);
        await RegisterPathAsync("linked", worktree);

        var report = await GetDoiAsync("linked");

        Assert.That(Status(report, "C5"), Is.EqualTo("pass"), "the worktree's own files are read");
        Assert.That(Status(report, "C11"), Is.EqualTo("fail"));
        Assert.That(Detail(report, "C11"), Does.Contain("outside the repository").And.Contain("PUT /repos/linked/facts"));
    }

    [Test]
    public async Task GetRepoDoi_KeyFileSymlinkedOutsideTheRepo_IsNotCounted()
    {
        var outside = Path.Combine(Path.GetDirectoryName(_dir.Path)!, "AGENTS-outside.md");
        File.WriteAllText(outside, "instructions kept elsewhere");
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "AGENTS.md"), outside);
        _dir.Write("README.md", "r");
        _dir.Commit("first");
        await RegisterRepoAsync("escaper");
        await RegisterPathAsync("escaper", _dir.Path);

        var report = await GetDoiAsync("escaper");

        Assert.That(Status(report, "C5"), Is.EqualTo("fail"));
        Assert.That(Status(report, "C6"), Is.EqualTo("pass"));
    }

    [TestCase("ON", false)]
    [TestCase("1", false)]
    [TestCase("Yes", false)]
    [TestCase("t", false)]
    [TestCase("off", true)]
    [TestCase("0", true)]
    [TestCase("N", true)]
    [TestCase("", true)]
    public async Task GetRepoDoi_ForceRefreshSpelledAsPydanticAccepts_RefreshesOnlyWhenTrue(string value, bool expectCached)
    {
        await RegisterRepoAsync("fresh");
        await GetDoiAsync("fresh");

        var report = await GetOkAsync($"/repos/fresh/doi?force_refresh={value}");

        Assert.That(Cached(report), Is.EqualTo(expectCached));
    }

    [TestCase("maybe")]
    [TestCase("truthy")]
    [TestCase("2")]
    [TestCase("%20true")]
    public async Task GetRepoDoi_ForceRefreshNotABoolean_Returns422NamingItAndTheAcceptedValues(string value)
    {
        await RegisterRepoAsync("fresh");

        var response = await Client.GetAsync($"/repos/fresh/doi?force_refresh={value}");

        var problem = await AssertProblemAsync(response, System.Net.HttpStatusCode.UnprocessableEntity);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.That(detail, Does.Contain("force_refresh").And.Contain("true/false").And.Contain("yes/no").And.Contain("y/n"));
        Assert.That(problem["errors"]!["force_refresh"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task GetRepoDoi_UnknownRepo_Returns404()
    {
        var response = await Client.GetAsync("/repos/nope/doi");

        var problem = await AssertProblemAsync(response, System.Net.HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'nope' not found"));
    }

    [Test]
    public async Task GetRepoDoi_ReportShape_HasTheSeedFieldsAnd14Criteria()
    {
        await RegisterRepoAsync("shape");

        var report = await GetDoiAsync("shape");

        foreach (var field in new[] { "repo_slug", "tier", "core_pass", "standard_pass", "full_pass", "checked_at", "criteria", "next_tier_blockers", "cached" })
            Assert.That(report.AsObject().ContainsKey(field), Is.True, field);
        var criteria = report["criteria"]!.AsArray();
        Assert.That(criteria.Select(c => c!["id"]!.GetValue<string>()), Is.EqualTo(Enumerable.Range(1, 14).Select(i => "C" + i)));
        Assert.That(criteria.Select(c => c!["tier"]!.GetValue<string>()).Distinct(), Is.EquivalentTo(new[] { "core", "standard", "full" }));
        foreach (var criterion in criteria)
        {
            Assert.That(criterion!["label"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(criterion["detail"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(criterion["status"]!.GetValue<string>(), Is.AnyOf("pass", "fail", "skip"));
        }
    }
}
