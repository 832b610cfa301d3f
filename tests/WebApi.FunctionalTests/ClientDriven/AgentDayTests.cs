using StateHub.Client;

namespace StateHub.WebApi.FunctionalTests.ClientDriven;

/// <summary>
/// An agent's day, told only through the generated client: what an agent in a fresh session
/// does, in order. Each endpoint family extends this story as it lands (goals, workstreams and
/// tasks, dispatch, interface changes and the inbox, DoI, workplan sync), so the client keeps
/// being proven on the whole journey rather than on isolated calls.
/// </summary>
public sealed class AgentDayTests : ClientTestBase
{
    [Test]
    public async Task AgentDay_RegisterDomainAndRepo_FindItFromACheckoutAndKeepItCurrent()
    {
        // A maintainer sets the fleet up.
        var domain = await CreatePlatformDomainAsync();
        var registered = await RegisterRepoViaClientAsync("repo-registry", "git@example.com:org/repo-registry.git", Fingerprint);

        // An agent starts a session in a checkout: it knows only the root commit and the remote.
        var candidates = await Api.Repos.FindReposByFingerprintAsync(Fingerprint, "git@example.com:org/repo-registry.git");
        Assert.That(candidates.Select(r => r.Slug), Is.EqualTo(new[] { "repo-registry" }));
        var repo = candidates[0];
        Assert.That(repo.Id, Is.EqualTo(registered.Id));
        Assert.That(repo.DomainId, Is.EqualTo(domain.Id));

        // It records where the checkout lives on its host, and the SBOM it just produced.
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await Api.Repos.RegisterHostPathAsync(repo.Slug, new RegisterHostPathCommand { Host = "agent-host", Path = "/work/repo-registry" });
        var sbomAt = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var updated = await Api.Repos.UpdateRepoAsync(repo.Slug, new UpdateRepoCommand { LastSbomAt = sbomAt });

        Assert.That(updated.HostPaths, Is.EqualTo(new Dictionary<string, string> { ["agent-host"] = "/work/repo-registry" }));
        Assert.That(updated.LastSbomAt, Is.EqualTo(sbomAt));
        Assert.That(updated.Name, Is.EqualTo("repo-registry"), "a PATCH through the client changes only what was set");
        Assert.That(updated.UpdatedAt, Is.GreaterThan(registered.UpdatedAt));

        // The next session finds the same repo by id, as its notes remember it.
        var again = await Api.Repos.GetRepoByIdAsync(repo.Id);
        Assert.That(again.HostPaths["agent-host"], Is.EqualTo("/work/repo-registry"));
    }
}
