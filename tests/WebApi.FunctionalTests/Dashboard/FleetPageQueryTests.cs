using System.Net;
using System.Text.RegularExpressions;
using StateHub.Domain.Domains;
using StateHub.Domain.Inbox;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Dashboard;

/// <summary>The fleet page reads the fleet in a constant number of SQL statements, whatever its size.</summary>
public sealed partial class FleetPageQueryTests : FunctionalTestBase
{
    [Test]
    public async Task Fleet_CachedFleetOf20And100_SameStatementCount()
    {
        var small = await CountStatementsForFleetAsync(20);
        await ResetDatabaseAsync();
        var large = await CountStatementsForFleetAsync(100);

        Assert.That(large.Count, Is.EqualTo(small.Count), string.Join("\n---\n", large));
        Assert.That(small.Count, Is.EqualTo(3), "domains, the check that the DoI inputs this node kept still hold, the repos:\n" + string.Join("\n---\n", small));
        Assert.That(small[1], Does.Contain("doi_input_changes"));
    }

    [Test]
    public async Task Fleet_ColdFleet_EvaluatesInOneReadAndOneWrite()
    {
        await ArrangeFleetAsync(30);

        using (Factory.SqlCounter.Record())
            await GetFleetHtmlAsync(30);
        var statements = Factory.SqlCounter.Statements;

        Assert.That(statements.Count(s => s.Contains("INSERT INTO doi_cache", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n---\n", statements));
        // (Plus the check of the DoI inputs this host kept from an earlier test, if it kept any.)
        Assert.That(statements.Where(s => !s.Contains("doi_input_changes", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(5),
            "domains, the snapshot, the fleet's DoI inputs, the cache rows, the repos:\n" + string.Join("\n---\n", statements));
    }

    /// <summary>
    /// Arranges a fleet, warms the DoI cache with one page load (whose cache write the next load's
    /// DoI inputs are read again for), then records the statements of a third.
    /// </summary>
    private async Task<IReadOnlyList<string>> CountStatementsForFleetAsync(int size)
    {
        await ArrangeFleetAsync(size);
        await GetFleetHtmlAsync(size);
        await GetFleetHtmlAsync(size);

        using (Factory.SqlCounter.Record())
            await GetFleetHtmlAsync(size);
        return Factory.SqlCounter.Statements;
    }

    private async Task GetFleetHtmlAsync(int size)
    {
        var response = await Client.GetAsync("/dashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        var archived = ArchivedCount(size);
        Assert.That(ActiveRepoRow().Matches(html), Has.Count.EqualTo(size - archived), "every active repo, with its criteria");
        Assert.That(CriterionRow().Matches(html), Has.Count.EqualTo(14 * (size - archived)));
        Assert.That(html, Does.Contain($"<span class=\"number\">{archived}</span>"), "the archived repos are counted");
    }

    private static int ArchivedCount(int size) => (size + 9) / 10;

    /// <summary>Two domains, one paused; repos with goals, snapshots and unread mail; every tenth repo archived.</summary>
    private Task ArrangeFleetAsync(int size) =>
        WithDbAsync(async db =>
        {
            var platform = RepoDomain.Create("platform", "Platform", null);
            var paused = RepoDomain.Create("paused", "Paused", null, DomainStatus.Paused);
            db.Domains.AddRange(platform, paused);
            for (var i = 0; i < size; i++)
            {
                var repo = ManagedRepo.Register(i % 4 == 0 ? paused : platform, $"fleet-{i:000}", $"Fleet {i:000}",
                    remoteUrl: i % 3 == 0 ? null : $"git@example.com:fleet-{i}.git", gitFingerprint: new string('b', 40));
                if (i % 10 == 0)
                    repo.Archive();
                db.Repos.Add(repo);
                db.Goals.Add(RepoGoal.Create(repo.Id, "Goal", null, 1));
                if (i % 2 == 0)
                    db.TpscSnapshots.Add(StateHub.Domain.Tpsc.TpscSnapshot.Create(repo.Id, Factory.Clock.GetUtcNow(), []));
                if (i % 3 == 0)
                    db.InboxMessages.Add(InboxMessage.Create(repo.Id, "note", "Subject", "Body"));
            }

            await db.SaveChangesAsync();
        });

    [GeneratedRegex("<details class=\"repo\" id=\"repo-fleet-")]
    private static partial Regex ActiveRepoRow();

    [GeneratedRegex("<tr data-criterion=\"C")]
    private static partial Regex CriterionRow();
}
