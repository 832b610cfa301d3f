using System.Net;

namespace StateHub.WebApi.FunctionalTests.Work;

public sealed class TpscSnapshotsEndpointsTests : WorkFunctionalTestBase
{
    [SetUp]
    public async Task CreateRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
    }

    [Test]
    public async Task CreateTpscSnapshot_ValidBody_Returns201WithComponents()
    {
        var response = await Client.PostAsync("/repos/app/tpsc-snapshots", Json(new
        {
            snapshot_at = "2026-10-30T12:00:00+00:00",
            components = new object[]
            {
                new { name = "Npgsql", version = "10.0.0", ecosystem = "nuget", license = "PostgreSQL" },
                new { name = "left-pad" },
            },
        }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var snapshot = await ReadJsonAsync(response);
        Assert.That(snapshot["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
        Assert.That(snapshot["snapshot_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2026, 10, 30, 12, 0, 0, TimeSpan.Zero)));
        var components = snapshot["components"]!.AsArray();
        Assert.That(components, Has.Count.EqualTo(2));
        Assert.That(components[0]!["name"]!.GetValue<string>(), Is.EqualTo("Npgsql"));
        Assert.That(components[0]!["version"]!.GetValue<string>(), Is.EqualTo("10.0.0"));
        Assert.That(components[0]!["ecosystem"]!.GetValue<string>(), Is.EqualTo("nuget"));
        Assert.That(components[0]!["license"]!.GetValue<string>(), Is.EqualTo("PostgreSQL"));
        Assert.That(components[1]!["version"], Is.Null);
    }

    [Test]
    public async Task CreateTpscSnapshot_NoSnapshotAt_UsesNow()
    {
        var snapshot = await PostCreatedAsync("/repos/app/tpsc-snapshots/", new { components = Array.Empty<object>() });

        Assert.That(snapshot["snapshot_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(snapshot["components"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task CreateTpscSnapshot_UnknownRepo_Returns404() =>
        await AssertProblemAsync(await Client.PostAsync("/repos/nope/tpsc-snapshots", Json(new { components = Array.Empty<object>() })), HttpStatusCode.NotFound);

    [Test]
    public async Task CreateTpscSnapshot_ComponentWithoutName_Returns422()
    {
        var response = await Client.PostAsync("/repos/app/tpsc-snapshots", Json(new { components = new[] { new { version = "1.0" } } }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["components[0].name"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task CreateTpscSnapshot_MissingComponents_Returns422()
    {
        var response = await Client.PostAsync("/repos/app/tpsc-snapshots", Json(new { snapshot_at = "2026-10-30T12:00:00+00:00" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["components"], Is.Not.Null);
    }

    [Test]
    public async Task ListTpscSnapshots_NewestFirst()
    {
        await PostCreatedAsync("/repos/app/tpsc-snapshots", new { snapshot_at = "2026-10-01T00:00:00+00:00", components = new[] { new { name = "old" } } });
        await PostCreatedAsync("/repos/app/tpsc-snapshots", new { snapshot_at = "2026-10-20T00:00:00+00:00", components = new[] { new { name = "newest" } } });
        await PostCreatedAsync("/repos/app/tpsc-snapshots", new { snapshot_at = "2026-10-10T00:00:00+00:00", components = new[] { new { name = "middle" } } });

        var snapshots = await GetOkAsync("/repos/app/tpsc-snapshots");

        Assert.That(snapshots.AsArray().Select(s => s!["components"]![0]!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "newest", "middle", "old" }));
    }

    [Test]
    public async Task ListTpscSnapshots_UnknownRepo_Returns404() =>
        await AssertProblemAsync(await Client.GetAsync("/repos/nope/tpsc-snapshots"), HttpStatusCode.NotFound);
}
