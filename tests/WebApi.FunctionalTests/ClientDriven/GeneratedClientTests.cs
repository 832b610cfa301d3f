using System.Text.Json;
using StateHub.Client;

namespace StateHub.WebApi.FunctionalTests.ClientDriven;

/// <summary>The domain and repo endpoints through the generated client: typed results, wire values, typed problems.</summary>
public sealed class GeneratedClientTests : ClientTestBase
{
    [Test]
    public async Task RegisterRepo_AllFields_ReturnsTypedRepo()
    {
        await CreatePlatformDomainAsync();

        var repo = await Api.Repos.RegisterAsync(new RegisterRepoRequest
        {
            DomainSlug = "platform",
            Slug = "repo-registry",
            Name = "Repo Registry",
            LocalPath = "/src/repo-registry",
            RemoteUrl = "git@example.com:org/repo-registry.git",
            GitFingerprint = Fingerprint,
            Description = "Knows every repo",
            TopicId = "42",
        });

        Assert.That(repo.Id, Is.Not.EqualTo(Guid.Empty));
        Assert.That(repo.DomainSlug, Is.EqualTo("platform"));
        Assert.That(repo.Status, Is.EqualTo(RepoStatus.Active));
        Assert.That(repo.TopicId, Is.EqualTo("42"));
        Assert.That(repo.HostPaths, Is.Empty);
        Assert.That(repo.LastSbomAt, Is.Null);
        Assert.That(repo.CreatedAt, Is.EqualTo(Factory.Clock.GetUtcNow()));
    }

    [Test]
    public async Task UpdateRepo_IfMatchFromUpdatedAt_ChangesOnceThenIsAConflict()
    {
        await CreatePlatformDomainAsync();
        var read = await RegisterRepoViaClientAsync("a");
        using var response = await Client.GetAsync("/repos/a");
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(StateHubETag.Of(read.UpdatedAt)), "the client computes the header the service sends");

        var updated = await Api.Repos.UpdateAsync("a", new UpdateRepoRequest { Name = "Alpha" }, ifMatch: StateHubETag.Of(read.UpdatedAt));
        var stale = await AssertProblemAsync(
            () => Api.Repos.UpdateAsync("a", new UpdateRepoRequest { Name = "Beta" }, ifMatch: StateHubETag.Of(read.UpdatedAt)), 409);

        Assert.That(updated.Name, Is.EqualTo("Alpha"));
        Assert.That(stale.Detail, Does.Contain(StateHubETag.Of(updated.UpdatedAt)));
        Assert.That((await Api.Repos.GetAsync("a")).Name, Is.EqualTo("Alpha"));
    }

    [Test]
    public async Task GetRepo_BySlugIdAndRemote_ReturnTheSameRepo()
    {
        await CreatePlatformDomainAsync();
        var registered = await RegisterRepoViaClientAsync("a", remoteUrl: "https://example.com/a.git");

        var bySlug = await Api.Repos.GetAsync("a");
        var byId = await Api.Repos.GetByIdAsync(registered.Id);
        var byRemote = await Api.Repos.GetByRemoteAsync("https://example.com/a.git");
        var listed = await Api.Repos.ListAsync(domain: "platform");

        Assert.That(new[] { bySlug.Id, byId.Id, byRemote.Id }, Is.All.EqualTo(registered.Id));
        Assert.That(listed.Select(r => r.Slug), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task UpdateRepo_OnlySetFields_ChangeAndOthersStay()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a", remoteUrl: "https://example.com/a.git", fingerprint: Fingerprint);

        var updated = await Api.Repos.UpdateAsync("a", new UpdateRepoRequest { Description = "now described", Name = "Alpha" });

        Assert.That(updated.Description, Is.EqualTo("now described"));
        Assert.That(updated.Name, Is.EqualTo("Alpha"));
        Assert.That(updated.RemoteUrl, Is.EqualTo("https://example.com/a.git"));
        Assert.That(updated.GitFingerprint, Is.EqualTo(Fingerprint));
    }

    [Test]
    public async Task RegisterHostPath_TwoHosts_MergesPerHost()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a");

        await Api.Repos.RegisterHostPathAsync("a", new RegisterHostPathRequest { Host = "laptop", Path = "/home/me/a" });
        await Api.Repos.RegisterHostPathAsync("a", new RegisterHostPathRequest { Host = "ci", Path = "/builds/a" });
        var repo = await Api.Repos.RegisterHostPathAsync("a", new RegisterHostPathRequest { Host = "laptop", Path = "/home/me/src/a" });

        Assert.That(repo.HostPaths, Is.EquivalentTo(new Dictionary<string, string> { ["laptop"] = "/home/me/src/a", ["ci"] = "/builds/a" }));
    }

    [Test]
    public async Task FindReposByFingerprint_ForksShareIt_RemoteNarrowsAndUnknownIsEmpty()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("origin", "https://example.com/origin.git", Fingerprint);
        await RegisterRepoViaClientAsync("fork", "https://example.com/fork.git", Fingerprint);

        var both = await Api.Repos.FindByFingerprintAsync(Fingerprint);
        var narrowed = await Api.Repos.FindByFingerprintAsync(Fingerprint, "https://example.com/fork.git");
        var none = await Api.Repos.FindByFingerprintAsync("ffff");

        Assert.That(both.Select(r => r.Slug), Is.EquivalentTo(new[] { "origin", "fork" }));
        Assert.That(narrowed.Select(r => r.Slug), Is.EqualTo(new[] { "fork" }));
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task ArchiveRepo_Twice_IsArchived()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a");

        await Api.Repos.ArchiveAsync("a");
        var repo = await Api.Repos.ArchiveAsync("a");

        Assert.That(repo.Status, Is.EqualTo(RepoStatus.Archived));
        Assert.That((await Api.Repos.GetAsync("a")).Status, Is.EqualTo(RepoStatus.Archived));
    }

    [Test]
    public async Task UpdateDomain_Status_RoundTripsAsSnakeCaseEnum()
    {
        await CreatePlatformDomainAsync();

        var paused = await Api.Domains.UpdateAsync("platform", new UpdateDomainRequest { Status = DomainStatus.Paused });
        var listed = await Api.Domains.ListAsync();

        Assert.That(paused.Status, Is.EqualTo(DomainStatus.Paused));
        Assert.That(paused.Name, Is.EqualTo("Platform"));
        Assert.That(listed.Single().Status, Is.EqualTo(DomainStatus.Paused));
        var wire = await GetOkAsync("/domains/platform");
        Assert.That(wire["status"]!.GetValue<string>(), Is.EqualTo("paused"));
    }

    [Test]
    public async Task UpdateRepo_ClearedField_IsSentAsNullAndCleared()
    {
        await CreatePlatformDomainAsync();
        await Api.Repos.RegisterAsync(new RegisterRepoRequest { DomainSlug = "platform", Slug = "a", Name = "A", Description = "old", TopicId = "7" });

        var updated = await Api.Repos.UpdateAsync("a", new UpdateRepoRequest { Name = "Alpha" }.Clear(c => c.Description));

        Assert.That(updated.Description, Is.Null);
        Assert.That(updated.Name, Is.EqualTo("Alpha"));
        Assert.That(updated.TopicId, Is.EqualTo("7"), "a field neither set nor cleared is left alone");
    }

    [Test]
    public async Task UpdateInterfaceChange_ClearPlannedDate_DraftIsUnscheduled()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("origin");
        var draft = await Api.InterfaceChanges.RegisterAsync(new RegisterInterfaceChangeRequest
        {
            OriginRepoSlug = "origin",
            Title = "Rename the field",
            ChangeType = ChangeType.Breaking,
            InterfaceType = InterfaceType.Schema,
            PlannedFor = new DateOnly(2026, 12, 24),
        });

        var rescheduled = await Api.InterfaceChanges.UpdateAsync(draft.Id, new UpdateInterfaceChangeRequest { PlannedFor = new DateOnly(2027, 1, 15) });
        var unscheduled = await Api.InterfaceChanges.UpdateAsync(draft.Id, new UpdateInterfaceChangeRequest().Clear(c => c.PlannedFor));

        Assert.That(draft.PlannedFor, Is.EqualTo(new DateOnly(2026, 12, 24)));
        Assert.That(rescheduled.PlannedFor, Is.EqualTo(new DateOnly(2027, 1, 15)));
        Assert.That(unscheduled.PlannedFor, Is.Null);
        Assert.That(unscheduled.Title, Is.EqualTo("Rename the field"));
    }

    [Test]
    public void PartialUpdate_OnlySetAndClearedFields_AreWritten()
    {
        var options = StateHubJson.Configure(new JsonSerializerOptions());

        var untouched = JsonSerializer.Serialize(new UpdateInterfaceChangeRequest { Title = "t", ChangeType = ChangeType.Removal }, options);
        var cleared = JsonSerializer.Serialize(new UpdateInterfaceChangeRequest { Title = "t" }.Clear(c => c.PlannedFor, c => c.AffectedPaths), options);
        var reset = new UpdateInterfaceChangeRequest().Clear(c => c.Description);
        reset.Description = "back";
        var clearedThenSet = JsonSerializer.Serialize(reset, options);
        var notAnUpdate = JsonSerializer.Serialize(new ResolveInterfaceChangeRequest(), options);

        Assert.That(untouched, Is.EqualTo("""{"change_type":"removal","title":"t"}"""));
        Assert.That(cleared, Is.EqualTo("""{"affected_paths":null,"planned_for":null,"title":"t"}"""));
        Assert.That(clearedThenSet, Is.EqualTo("""{"description":"back"}"""));
        Assert.That(notAnUpdate, Is.EqualTo("{}"));
    }

    [Test]
    public void PartialUpdate_ClearSomethingOtherThanANullableProperty_Throws()
    {
        Assert.Throws<ArgumentException>(() => new UpdateTaskRequest().Clear(c => c.Title!.Length));
        Assert.Throws<ArgumentException>(() => new UpdateTaskRequest().Clear(c => "title"));
    }

    [Test]
    public async Task ResolveInterfaceChange_NoBody_ResolvesWithoutANote()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("origin");
        var change = await Api.InterfaceChanges.RegisterAsync(new RegisterInterfaceChangeRequest
        {
            OriginRepoSlug = "origin",
            Title = "Drop v1",
            ChangeType = ChangeType.Removal,
            InterfaceType = InterfaceType.Cli,
        });
        await Api.InterfaceChanges.PublishAsync(change.Id);

        var resolved = await Api.InterfaceChanges.ResolveAsync(change.Id);

        Assert.That(resolved.Status, Is.EqualTo(InterfaceChangeStatus.Resolved));
        Assert.That(resolved.ResolutionNote, Is.Null);
        await AssertProblemAsync(() => Api.InterfaceChanges.ResolveAsync(change.Id), 409);
    }

    [Test]
    public async Task SyncRepo_NoBodyAndNoReadableDirectory_Throws503SayingHowToRegisterAPath()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a");

        var problem = await AssertProblemAsync(() => Api.Repos.SyncAsync("a"), 503);

        Assert.That(problem.Detail, Does.Contain("/repos/a/paths"));
    }

    [Test]
    public async Task GetRepo_Unknown_ThrowsTypedProblemWithStatusAndDetail()
    {
        var problem = await AssertProblemAsync(() => Api.Repos.GetAsync("zzz"), 404);

        Assert.That(problem, Is.InstanceOf<StateHubApiException<ProblemDetails>>());
        Assert.That(problem.Detail, Is.EqualTo("Repo 'zzz' not found"));
        Assert.That(problem.Title, Is.Not.Empty);
        Assert.That(problem.TraceId, Is.Not.Empty);
        Assert.That(problem.Errors, Is.Empty);
        Assert.That(problem.Message, Does.Contain("Repo 'zzz' not found"));
    }

    [Test]
    public async Task RegisterRepo_DuplicateSlug_Throws409WithDetail()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a");

        var problem = await AssertProblemAsync(() => RegisterRepoViaClientAsync("a"), 409);

        Assert.That(problem.Detail, Is.EqualTo("Repo slug 'a' already exists"));
    }

    [Test]
    public async Task RegisterRepo_MissingRequiredName_Throws422FromValidationWithFieldErrors()
    {
        await CreatePlatformDomainAsync();

        var problem = await AssertProblemAsync(
            () => Api.Repos.RegisterAsync(new RegisterRepoRequest { DomainSlug = "platform", Slug = "a", Name = null! }),
            422);

        Assert.That(problem, Is.InstanceOf<StateHubApiException<ValidationProblemDetails>>());
        Assert.That(problem.Errors.Keys, Is.EqualTo(new[] { "name" }));
        Assert.That(problem.Errors["name"], Is.Not.Empty);
    }

    [Test]
    public async Task FindReposByFingerprint_EmptyHash_ReturnsEmptyList()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a");

        var found = await Api.Repos.FindByFingerprintAsync(string.Empty);

        Assert.That(found, Is.Empty);
    }

    [Test]
    public async Task RegisterHostPath_RelativePath_Throws422OnPath()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a");

        var problem = await AssertProblemAsync(
            () => Api.Repos.RegisterHostPathAsync("a", new RegisterHostPathRequest { Host = "laptop", Path = "src/a" }),
            422);

        Assert.That(problem.Errors.Keys, Is.EqualTo(new[] { "path" }));
        Assert.That(problem.Detail, Does.Contain("path must be absolute"));
    }

    [Test]
    public async Task GetRepoDoi_ForceRefreshLeftOut_IsOptional()
    {
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("a");

        var first = await Api.Repos.GetDoiAsync("a");
        var again = await Api.Repos.GetDoiAsync("a");
        var forced = await Api.Repos.GetDoiAsync("a", forceRefresh: true);

        Assert.That((first.Cached, again.Cached, forced.Cached), Is.EqualTo((false, true, false)));
    }

    [Test]
    public void ProblemOfAnUndocumentedStatus_IsReadFromTheResponseText()
    {
        const string body = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.16","title":"Unsupported Media Type","status":415,"detail":"Send the body as application/json.","instance":"/repos","trace_id":"00-abc-def-01"}""";

        var problem = new StateHubApiException("The HTTP status code of the response was not expected (415).", 415, body, new Dictionary<string, IEnumerable<string>>(), null);

        Assert.That(problem.Status, Is.EqualTo(415));
        Assert.That(problem.Detail, Is.EqualTo("Send the body as application/json."));
        Assert.That(problem.TraceId, Is.EqualTo("00-abc-def-01"));
        Assert.That(problem.Problem, Is.InstanceOf<ProblemDetails>());
    }

    [Test]
    public void ResponseThatIsNotAProblem_HasNoDetail()
    {
        var problem = new StateHubApiException("Bad gateway.", 502, "<html>bad gateway</html>", new Dictionary<string, IEnumerable<string>>(), null);

        Assert.That(problem.Status, Is.EqualTo(502));
        Assert.That(problem.Detail, Is.Null);
        Assert.That(problem.Message, Does.StartWith("Bad gateway."));
    }
}
