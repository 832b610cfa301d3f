using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;
using StateHub.Infrastructure.Persistence;

namespace StateHub.Architecture.Tests;

/// <summary>Every unique index of the model has its one conflict message in <see cref="UniqueIndexConflicts"/>.</summary>
public sealed class UniqueIndexConflictsTests
{
    private static StateHubDbContext Model() => new(
        new DbContextOptionsBuilder<StateHubDbContext>()
            .UseNpgsql("Host=localhost;Database=statehub_model")
            .UseSnakeCaseNamingConvention()
            .Options);

    [Test]
    public void EveryUniqueIndex_HasAConflictMessage()
    {
        using var db = Model();
        var unique = db.Model.GetEntityTypes()
            .SelectMany(t => t.GetIndexes())
            .Where(i => i.IsUnique)
            .Select(i => i.GetDatabaseName())
            .ToList();

        Assert.That(unique, Is.Not.Empty);
        Assert.That(unique.Except(UniqueIndexConflicts.IndexNames), Is.Empty, "Add a message for each in UniqueIndexConflicts.");
    }

    [Test]
    public void Violated_KnownIndexWithTheRefusedRow_NamesTheDuplicate()
    {
        var domain = RepoDomain.Create("platform", "Platform", null);
        var repo = ManagedRepo.Register(domain, "hub", "Hub");

        var ex = UniqueIndexConflicts.Violated("ix_managed_repos_slug", [domain, repo]);

        Assert.That(ex.Message, Is.EqualTo("Repo slug 'hub' already exists"));
        Assert.That(ex.ConstraintName, Is.EqualTo("ix_managed_repos_slug"));
    }

    [Test]
    public void Violated_UnknownIndex_FallsBackToAGenericConflict() =>
        Assert.That(UniqueIndexConflicts.Violated("ix_other", []).Message, Is.EqualTo("The request conflicts with an existing record."));
}
