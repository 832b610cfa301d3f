using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Doi;

/// <summary>PUT /repos/{slug}/facts, and DoI reading disk facts from the latest report when the directory is not readable.</summary>
public sealed class RepoFactsTests : DoiTestBase
{
    private const string RootCommit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("remote-only", remoteUrl: "git@example.com:org/remote-only.git", gitFingerprint: RootCommit);
    }

    [Test]
    public async Task ReportRepoFacts_ValidBody_Returns200WithTheStoredReport()
    {
        var stored = await PutFactsAsync(new
        {
            root_files = new[] { "AGENTS.md", "README.md" },
            workplan_files = new[] { new { path = WorkplanFile, content = WorkplanText } },
            root_commit = RootCommit.ToUpperInvariant(),
            collected_at = "2026-11-01T08:00:00Z",
        });

        Assert.That(stored["repo_slug"]!.GetValue<string>(), Is.EqualTo("remote-only"));
        Assert.That(stored["root_commit"]!.GetValue<string>(), Is.EqualTo(RootCommit), "commit ids are stored in lower case");
        Assert.That(stored["root_files"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "AGENTS.md", "README.md" }));
        Assert.That(stored["workplan_files"]![0]!["path"]!.GetValue<string>(), Is.EqualTo(WorkplanFile));
        Assert.That(stored["collected_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero)));
        Assert.That(stored["received_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow()));
    }

    [Test]
    public async Task GetRepoDoi_NoReadableDirectoryButFactsPushed_DiskCriteriaUseTheReport()
    {
        await SyncAsync("remote-only", new { files = new[] { new { path = WorkplanFile, content = WorkplanText } } });
        await PutFactsAsync(new
        {
            root_files = new[] { "AGENTS.md", "README.md", "workplans", ".ci/run" },
            workplan_files = new[] { new { path = WorkplanFile, content = WorkplanText } },
            root_commit = RootCommit,
            collected_at = "2026-11-02T08:00:00Z",
        });

        var report = await GetDoiAsync("remote-only");

        Assert.That(report["disk_facts_source"]!.GetValue<string>(), Is.EqualTo("facts_report"));
        Assert.That(Status(report, "C4"), Is.EqualTo("pass"), Describe(report));
        Assert.That(Detail(report, "C4"), Does.Contain("facts report"));
        Assert.That(Status(report, "C5"), Is.EqualTo("pass"));
        Assert.That(Status(report, "C6"), Is.EqualTo("pass"));
        Assert.That(Status(report, "C7"), Is.EqualTo("pass"), Describe(report));
        Assert.That(Status(report, "C11"), Is.EqualTo("pass"), Describe(report));
        Assert.That(Status(report, "C12"), Is.EqualTo("pass"));
        Assert.That(Status(report, "C13"), Is.EqualTo("pass"), Describe(report));
        Assert.That(Tier(report), Is.EqualTo("core"), "the hub-side standard criteria (SBOM, TPSC, goal) are not met");
    }

    [Test]
    public async Task GetRepoDoi_FactsWorkplanWithByteOrderMark_AgreesWithTheHub()
    {
        await SyncAsync("remote-only", new { files = new[] { new { path = WorkplanFile, content = WorkplanText } } });
        await PutFactsAsync(new
        {
            root_files = new[] { "AGENTS.md", "README.md", "workplans" },
            workplan_files = new[] { new { path = WorkplanFile, content = "\uFEFF" + WorkplanText } },
            root_commit = RootCommit,
        });

        var report = await GetDoiAsync("remote-only");

        Assert.That(report["disk_facts_source"]!.GetValue<string>(), Is.EqualTo("facts_report"));
        Assert.That(Status(report, "C7"), Is.EqualTo("pass"), Describe(report));
    }

    [Test]
    public async Task GetRepoDoi_NewFactsReport_SeenOnTheNextRequest()
    {
        await PutFactsAsync(new { root_files = new[] { "AGENTS.md" }, root_commit = RootCommit });
        var before = await GetDoiAsync("remote-only");
        Assert.That(Status(before, "C6"), Is.EqualTo("fail"));
        Assert.That(Detail(before, "C6"), Does.Contain("facts report"));

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await PutFactsAsync(new { root_files = new[] { "AGENTS.md", "README.md" }, root_commit = "ffffffffffffffffffffffffffffffffffffffff" });
        var after = await GetDoiAsync("remote-only");

        Assert.That(Cached(after), Is.False);
        Assert.That(Status(after, "C6"), Is.EqualTo("pass"));
        Assert.That(Status(after, "C11"), Is.EqualTo("fail"));
        Assert.That(Detail(after, "C11"), Does.Contain("ffffffffffffffffffffffffffffffffffffffff"));
    }

    [Test]
    public async Task GetRepoDoi_ReadableDirectory_WinsOverTheFactsReport()
    {
        using var dir = TestRepoDirectory.Create();
        dir.Write("README.md", "readme");
        dir.Commit("first");
        await PutFactsAsync(new { root_files = new[] { "AGENTS.md" }, root_commit = RootCommit });
        await RegisterPathAsync("remote-only", dir.Path);

        var report = await GetDoiAsync("remote-only");

        Assert.That(report["disk_facts_source"]!.GetValue<string>(), Is.EqualTo("directory"));
        Assert.That(Status(report, "C5"), Is.EqualTo("fail"), "the directory has no AGENTS.md, whatever the report said");
        Assert.That(Status(report, "C6"), Is.EqualTo("pass"));
    }

    [Test]
    public async Task GetRepoDoi_NeitherDirectoryNorFacts_DiskCriteriaFailWithHowToFix()
    {
        var report = await GetDoiAsync("remote-only");

        Assert.That(report["disk_facts_source"]!.GetValue<string>(), Is.EqualTo("none"));
        foreach (var id in new[] { "C4", "C5", "C6", "C7", "C11", "C12", "C13" })
        {
            Assert.That(Status(report, id), Is.EqualTo("fail"), id);
            Assert.That(Detail(report, id), Does.Contain("POST /repos/remote-only/paths").And.Contain("PUT /repos/remote-only/facts"), id);
        }
    }

    [Test]
    public async Task ReportRepoFacts_TwoReportsAtTheSameInstant_TheSecondIsStillSeen()
    {
        await PutFactsAsync(new { root_files = new[] { "AGENTS.md" }, root_commit = RootCommit });
        var first = await GetDoiAsync("remote-only");

        var second = await PutFactsAsync(new { root_files = new[] { "AGENTS.md", "README.md" }, root_commit = RootCommit });
        var report = await GetDoiAsync("remote-only");

        Assert.That(second["received_at"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(Factory.Clock.GetUtcNow()), "received_at moves forward even when the clock did not");
        Assert.That(Cached(report), Is.False);
        Assert.That(Status(first, "C6"), Is.EqualTo("fail"));
        Assert.That(Status(report, "C6"), Is.EqualTo("pass"));
    }

    [Test]
    public async Task ReportRepoFacts_UnknownRepo_Returns404()
    {
        var response = await Client.PutAsync("/repos/nope/facts", Json(new { root_files = new[] { "README.md" } }));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [TestCase("""{"root_commit": "not-a-commit"}""", "root_commit")]
    [TestCase("""{"root_files": ["../etc/passwd"]}""", "root_files[0]")]
    [TestCase("""{"root_files": ["/abs"]}""", "root_files[0]")]
    [TestCase("""{"workplan_files": [{"path": "workplans/../../x.md", "content": "x"}]}""", "workplan_files[0].path")]
    [TestCase("""{"workplan_files": [{"path": "notes/plan.md", "content": "x"}]}""", "workplan_files[0].path")]
    [TestCase("""{"workplan_files": [{"path": "workplans/a.md"}]}""", "workplan_files[0].content")]
    [TestCase("""{"workplan_files": [{"path": "workplans/a.md", "content": "a"}, {"path": "workplans/a.md", "content": "b"}]}""", "workplan_files")]
    [TestCase("""{"collected_at": "2027-01-01T00:00:00Z"}""", "collected_at")]
    [TestCase("""{"surprise": true}""", null)]
    public async Task ReportRepoFacts_InvalidBody_Returns422(string body, string? field)
    {
        var response = await Client.PutAsync("/repos/remote-only/facts", RawJson(body));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        if (field is not null)
            Assert.That(problem["errors"]![field], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task ReportRepoFacts_TooManyWorkplanFiles_Returns422()
    {
        var files = Enumerable.Range(0, 501).Select(i => new { path = $"workplans/{i}.md", content = "x" }).ToArray();

        var response = await Client.PutAsync("/repos/remote-only/facts", Json(new { workplan_files = files }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["workplan_files"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task ReportRepoFacts_WorkplanFileOverOneMebibyte_Returns422()
    {
        var response = await Client.PutAsync("/repos/remote-only/facts", Json(new
        {
            workplan_files = new[] { new { path = "workplans/big.md", content = new string('x', (1024 * 1024) + 1) } },
        }));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task ReportRepoFacts_MalformedJson_Returns400()
    {
        var response = await Client.PutAsync("/repos/remote-only/facts", RawJson("{\"root_files\": ["));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private Task<System.Text.Json.Nodes.JsonNode> PutFactsAsync(object body) =>
        SendOkAsync(HttpMethod.Put, "/repos/remote-only/facts", body);
}
