using System.Net;
using Microsoft.EntityFrameworkCore;

namespace StateHub.WebApi.FunctionalTests.InterfaceChanges;

/// <summary>Registering, reading, listing and editing changes: everything before publication.</summary>
public sealed class InterfaceChangesEndpointsTests : InterfaceChangeTestBase
{
    [Test]
    public async Task RegisterInterfaceChange_ValidBody_Returns201DraftWithLocationAndWireFields()
    {
        var response = await Client.PostAsync("/interface-changes/", Json(ChangeBody()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var change = await ReadJsonAsync(response);
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/interface-changes/{Id(change)}"));
        Assert.That(Guid.TryParse(Id(change), out _), Is.True);
        Assert.That(change["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo(Origin));
        Assert.That(change["title"]!.GetValue<string>(), Is.EqualTo("Trailing-slash normalisation"));
        Assert.That(change["description"]!.GetValue<string>(), Is.EqualTo("Every route answers with and without a trailing slash."));
        Assert.That(change["change_type"]!.GetValue<string>(), Is.EqualTo("breaking"));
        Assert.That(change["interface_type"]!.GetValue<string>(), Is.EqualTo("http_api"));
        Assert.That(Strings(change["affected_repo_slugs"]), Is.EqualTo(new[] { ConsumerA, ConsumerB }));
        Assert.That(Strings(change["affected_paths"]), Is.EqualTo(new[] { "/repos/", "/domains/" }));
        Assert.That(change["planned_for"]!.GetValue<string>(), Is.EqualTo("2026-12-01"));
        Assert.That(change["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(change["published_at"], Is.Null);
        Assert.That(change["resolved_at"], Is.Null);
        Assert.That(change["resolution_note"], Is.Null);
        Assert.That(DateTimeOffset.Parse(change["created_at"]!.GetValue<string>()), Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(change["updated_at"]!.GetValue<string>(), Is.EqualTo(change["created_at"]!.GetValue<string>()));
    }

    [Test]
    public async Task RegisterInterfaceChange_Draft_NotifiesNobody()
    {
        await RegisterChangeAsync();

        Assert.That(await InboxAsync(ConsumerA), Is.Empty);
        Assert.That(await EventsOfAsync(Origin), Is.Empty);
    }

    [Test]
    public async Task RegisterInterfaceChange_MinimalBody_DefaultsToEmptyListsAndNoPlannedDate()
    {
        var change = await RegisterChangeAsync(new { origin_repo_slug = Origin, title = "New flag", change_type = "additive", interface_type = "cli" });

        Assert.That(change["affected_repo_slugs"]!.AsArray(), Is.Empty);
        Assert.That(change["affected_paths"]!.AsArray(), Is.Empty);
        Assert.That(change["planned_for"], Is.Null);
        Assert.That(change["description"], Is.Null);
    }

    [Test]
    public async Task RegisterInterfaceChange_DuplicateAffectedSlugs_StoresEachOnce()
    {
        var change = await RegisterChangeAsync(ChangeBody(affected: [ConsumerA, ConsumerA, ConsumerB]));

        Assert.That(Strings(change["affected_repo_slugs"]), Is.EqualTo(new[] { ConsumerA, ConsumerB }));
    }

    [Test]
    public async Task RegisterInterfaceChange_UnknownOrigin_Returns404()
    {
        var response = await Client.PostAsync("/interface-changes/", Json(ChangeBody(origin: "nope")));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'nope' not found"));
    }

    [Test]
    public async Task RegisterInterfaceChange_UnknownAffectedRepos_Returns404NamingEachAndStoresNothing()
    {
        var response = await Client.PostAsync("/interface-changes/", Json(ChangeBody(affected: [ConsumerA, "ghost-one", "ghost-two"])));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(),
            Is.EqualTo("Affected repos not found: 'ghost-one', 'ghost-two'. Register them first."));
        var stored = 0;
        await WithDbAsync(async db => stored = await db.InterfaceChanges.CountAsync());
        Assert.That(stored, Is.Zero);
    }

    [TestCase("change_type", "sideways")]
    [TestCase("interface_type", "carrier_pigeon")]
    [TestCase("planned_for", "next week")]
    [TestCase("planned_for", "2026-12-01T10:00:00Z")]
    public async Task RegisterInterfaceChange_BadValue_Returns422OnThatField(string field, string value)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ChangeBody()))!;
        body[field] = value;

        var response = await Client.PostAsync("/interface-changes/", RawJson(body.ToJsonString()));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![field], Is.Not.Null, problem.ToJsonString());
    }

    [TestCase("title")]
    [TestCase("change_type")]
    [TestCase("interface_type")]
    [TestCase("origin_repo_slug")]
    public async Task RegisterInterfaceChange_MissingRequiredField_Returns422OnThatField(string field)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ChangeBody()))!.AsObject();
        body.Remove(field);

        var response = await Client.PostAsync("/interface-changes/", RawJson(body.ToJsonString()));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![field], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task RegisterInterfaceChange_InvalidAffectedSlugOrUnknownField_Returns422()
    {
        var badSlug = await Client.PostAsync("/interface-changes/", Json(ChangeBody(affected: ["Not A Slug"])));
        var unknownField = await Client.PostAsync("/interface-changes/", RawJson(
            """{"origin_repo_slug":"repo-registry","title":"T","change_type":"additive","interface_type":"cli","status":"published"}"""));
        var emptyPath = await Client.PostAsync("/interface-changes/", Json(ChangeBody(paths: [""])));

        var slugProblem = await AssertProblemAsync(badSlug, HttpStatusCode.UnprocessableEntity);
        Assert.That(slugProblem["errors"]!["affected_repo_slugs[0]"], Is.Not.Null, slugProblem.ToJsonString());
        var fieldProblem = await AssertProblemAsync(unknownField, HttpStatusCode.UnprocessableEntity);
        Assert.That(fieldProblem["errors"]!["status"], Is.Not.Null, fieldProblem.ToJsonString());
        await AssertProblemAsync(emptyPath, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task RegisterInterfaceChange_MalformedJson_Returns400()
    {
        var response = await Client.PostAsync("/interface-changes/", RawJson("{\"title\": "));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task GetInterfaceChange_KnownUnknownAndMalformedId_Returns200_404_422()
    {
        var created = await RegisterChangeAsync();

        var found = await GetOkAsync($"/interface-changes/{Id(created)}");
        var slashed = await GetOkAsync($"/interface-changes/{Id(created)}/");
        var missing = await Client.GetAsync($"/interface-changes/{Guid.NewGuid()}");
        var malformed = await Client.GetAsync("/interface-changes/not-a-uuid");

        Assert.That(found.ToJsonString(), Is.EqualTo(created.ToJsonString()));
        Assert.That(Id(slashed), Is.EqualTo(Id(created)));
        var problem = await AssertProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith("Interface change '"));
        await AssertProblemAsync(malformed, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task ListInterfaceChanges_NoFilter_NewestFirstWithAndWithoutTrailingSlash()
    {
        var first = await RegisterChangeAsync(ChangeBody(title: "First"));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await RegisterChangeAsync(ChangeBody(title: "Second"));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await RegisterChangeAsync(ChangeBody(title: "Third"));

        var slashed = (await GetOkAsync("/interface-changes/")).AsArray();
        var plain = (await GetOkAsync("/interface-changes")).AsArray();

        Assert.That(slashed.Select(c => Id(c!)), Is.EqualTo(new[] { Id(third), Id(second), Id(first) }));
        Assert.That(plain.ToJsonString(), Is.EqualTo(slashed.ToJsonString()));
        Assert.That(slashed[0]!["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo(Origin));
    }

    [Test]
    public async Task ListInterfaceChanges_Filters_NarrowByStatusOriginAndAffectedRepo()
    {
        var draftForA = await RegisterChangeAsync(ChangeBody(title: "Draft for A", affected: [ConsumerA]));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var publishedForB = await RegisterChangeAsync(ChangeBody(title: "Published for B", affected: [ConsumerB]));
        await PublishAsync(Id(publishedForB));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var fromA = await RegisterChangeAsync(ChangeBody(title: "From A to both", origin: ConsumerA, affected: [ConsumerB, Origin]));
        await PublishAsync(Id(fromA));
        await ResolveAsync(Id(fromA));

        async Task<string[]> Titles(string query) =>
            (await GetOkAsync("/interface-changes/" + query)).AsArray().Select(c => c!["title"]!.GetValue<string>()).ToArray();

        Assert.That(await Titles("?status=draft"), Is.EqualTo(new[] { "Draft for A" }));
        Assert.That(await Titles("?status=published"), Is.EqualTo(new[] { "Published for B" }));
        Assert.That(await Titles("?status=resolved"), Is.EqualTo(new[] { "From A to both" }));
        Assert.That(await Titles($"?origin={Origin}"), Is.EqualTo(new[] { "Published for B", "Draft for A" }));
        Assert.That(await Titles($"?origin={ConsumerA}"), Is.EqualTo(new[] { "From A to both" }));
        Assert.That(await Titles($"?affected={ConsumerB}"), Is.EqualTo(new[] { "From A to both", "Published for B" }));
        Assert.That(await Titles($"?affected={ConsumerA}"), Is.EqualTo(new[] { "Draft for A" }));
        Assert.That(await Titles($"?affected={ConsumerB}&status=published"), Is.EqualTo(new[] { "Published for B" }));
        Assert.That(await Titles($"?affected={ConsumerB}&origin={ConsumerA}&status=draft"), Is.Empty);
        Assert.That(Id(draftForA), Is.Not.Empty);
    }

    [TestCase("?status=bogus")]
    [TestCase("?status=7")]
    public async Task ListInterfaceChanges_UnknownStatus_Returns422(string query)
    {
        var response = await Client.GetAsync("/interface-changes/" + query);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["status"], Is.Not.Null, problem.ToJsonString());
    }

    [TestCase("origin")]
    [TestCase("affected")]
    public async Task ListInterfaceChanges_UnknownRepoFilter_Returns404(string filter)
    {
        var response = await Client.GetAsync($"/interface-changes/?{filter}=ghost");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'ghost' not found"));
    }

    [Test]
    public async Task UpdateInterfaceChange_Draft_ChangesOnlyFieldsPresent()
    {
        var created = await RegisterChangeAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await SendOkAsync(HttpMethod.Patch, $"/interface-changes/{Id(created)}",
            new { title = "Trailing slashes everywhere", affected_repo_slugs = new[] { ConsumerB }, planned_for = (string?)null, description = (string?)null });

        Assert.That(updated["title"]!.GetValue<string>(), Is.EqualTo("Trailing slashes everywhere"));
        Assert.That(Strings(updated["affected_repo_slugs"]), Is.EqualTo(new[] { ConsumerB }));
        Assert.That(updated["planned_for"], Is.Null);
        Assert.That(updated["description"], Is.Null);
        Assert.That(updated["change_type"]!.GetValue<string>(), Is.EqualTo("breaking"));
        Assert.That(updated["interface_type"]!.GetValue<string>(), Is.EqualTo("http_api"));
        Assert.That(Strings(updated["affected_paths"]), Is.EqualTo(new[] { "/repos/", "/domains/" }));
        Assert.That(updated["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(DateTimeOffset.Parse(updated["updated_at"]!.GetValue<string>()), Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(updated["created_at"]!.GetValue<string>(), Is.EqualTo(created["created_at"]!.GetValue<string>()));
        var reread = await GetOkAsync($"/interface-changes/{Id(created)}");
        Assert.That(reread.ToJsonString(), Is.EqualTo(updated.ToJsonString()));
    }

    [Test]
    public async Task UpdateInterfaceChange_EnumsAndPaths_Change()
    {
        var created = await RegisterChangeAsync();

        var updated = await SendOkAsync(HttpMethod.Patch, $"/interface-changes/{Id(created)}",
            new { change_type = "deprecation", interface_type = "mcp_tool", affected_paths = new[] { "register_repo" }, planned_for = "2027-01-15" });

        Assert.That(updated["change_type"]!.GetValue<string>(), Is.EqualTo("deprecation"));
        Assert.That(updated["interface_type"]!.GetValue<string>(), Is.EqualTo("mcp_tool"));
        Assert.That(Strings(updated["affected_paths"]), Is.EqualTo(new[] { "register_repo" }));
        Assert.That(updated["planned_for"]!.GetValue<string>(), Is.EqualTo("2027-01-15"));
        Assert.That(updated["title"]!.GetValue<string>(), Is.EqualTo("Trailing-slash normalisation"));
    }

    [Test]
    public async Task UpdateInterfaceChange_UnknownAffectedRepo_Returns404NamingItAndChangesNothing()
    {
        var created = await RegisterChangeAsync();

        var response = await PatchAsync(Client, $"/interface-changes/{Id(created)}", new { title = "Changed", affected_repo_slugs = new[] { ConsumerA, "ghost" } });

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Affected repo not found: 'ghost'. Register them first."));
        var reread = await GetOkAsync($"/interface-changes/{Id(created)}");
        Assert.That(reread["title"]!.GetValue<string>(), Is.EqualTo("Trailing-slash normalisation"));
        Assert.That(Strings(reread["affected_repo_slugs"]), Is.EqualTo(new[] { ConsumerA, ConsumerB }));
    }

    [Test]
    public async Task UpdateInterfaceChange_NullTitleBadEnumOrUnknownField_Returns422()
    {
        var created = await RegisterChangeAsync();
        var url = $"/interface-changes/{Id(created)}";

        var nullTitle = await Client.PatchAsync(url, RawJson("""{"title": null}"""));
        var nullType = await Client.PatchAsync(url, RawJson("""{"change_type": null}"""));
        var badEnum = await Client.PatchAsync(url, RawJson("""{"interface_type": "telepathy"}"""));
        var unknown = await Client.PatchAsync(url, RawJson("""{"origin_repo_slug": "consumer-a"}"""));

        Assert.That((await AssertProblemAsync(nullTitle, HttpStatusCode.UnprocessableEntity))["errors"]!["title"], Is.Not.Null);
        Assert.That((await AssertProblemAsync(nullType, HttpStatusCode.UnprocessableEntity))["errors"]!["change_type"], Is.Not.Null);
        Assert.That((await AssertProblemAsync(badEnum, HttpStatusCode.UnprocessableEntity))["errors"]!["interface_type"], Is.Not.Null);
        Assert.That((await AssertProblemAsync(unknown, HttpStatusCode.UnprocessableEntity))["errors"]!["origin_repo_slug"], Is.Not.Null);
    }

    [Test]
    public async Task UpdateInterfaceChange_Unknown_Returns404()
    {
        var response = await PatchAsync(Client, $"/interface-changes/{Guid.NewGuid()}", new { title = "x" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task UpdateInterfaceChange_Published_Returns409AndChangesNothing()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));

        var response = await PatchAsync(Client, $"/interface-changes/{Id(created)}", new { title = "Too late" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("draft").And.Contain("published"));
        var reread = await GetOkAsync($"/interface-changes/{Id(created)}");
        Assert.That(reread["title"]!.GetValue<string>(), Is.EqualTo("Trailing-slash normalisation"));
    }

    [Test]
    public async Task UpdateInterfaceChange_ResolvedEvenWithEmptyBody_Returns409()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        await ResolveAsync(Id(created));

        var response = await PatchAsync(Client, $"/interface-changes/{Id(created)}", new { });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("resolved"));
    }

    [Test]
    public async Task OpenApiDocument_DescribesTheRegistryWithSnakeCaseEnumsAndConflicts()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var paths = document["paths"]!;
        Assert.That(paths["/interface-changes/{id}/publish"]!["post"]!["responses"]!["409"], Is.Not.Null);
        Assert.That(paths["/interface-changes/{id}/resolve"]!["post"]!["responses"]!["409"], Is.Not.Null);
        Assert.That(paths["/interface-changes/{id}"]!["patch"]!["responses"]!["409"], Is.Not.Null);
        Assert.That(paths["/repos/{slug}/inbox"]!["get"], Is.Not.Null);
        Assert.That(paths["/inbox/{id}/read"]!["post"], Is.Not.Null);
        var schemas = document["components"]!["schemas"]!;
        Assert.That(Strings(schemas["InterfaceType"]!["enum"]),
            Is.EqualTo(new[] { "http_api", "mcp_tool", "cli", "library", "schema", "event", "file_format" }));
        Assert.That(Strings(schemas["ChangeType"]!["enum"]),
            Is.EqualTo(new[] { "breaking", "additive", "deprecation", "removal", "behavioural" }));
        Assert.That(Strings(schemas["InterfaceChangeStatus"]!["enum"]), Is.EqualTo(new[] { "draft", "published", "resolved" }));
    }
}
