using StateHub.Application.Repos.Commands.RegisterRepo;
using StateHub.Application.Repos.Commands.UpdateRepo;

namespace StateHub.Application.UnitTests.Repos;

public sealed class RepoValidatorTests
{
    [Test]
    public void RegisterRepo_ReservedSlug_FailsOnSlug()
    {
        var result = new RegisterRepoCommandValidator().Validate(new RegisterRepoCommand { DomainSlug = "p", Slug = "doi", Name = "N" });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Slug"));
    }

    [Test]
    public void RegisterRepo_Complete_IsValid()
    {
        var result = new RegisterRepoCommandValidator().Validate(new RegisterRepoCommand { DomainSlug = "p", Slug = "ok-slug", Name = "N" });

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
    }

    [Test]
    public void UpdateRepo_AbsentName_IsValid()
    {
        var result = new UpdateRepoCommandValidator().Validate(new UpdateRepoCommand { Description = "d" });

        Assert.That(result.IsValid, Is.True);
    }

    [Test]
    public void UpdateRepo_PresentNullName_Fails()
    {
        var result = new UpdateRepoCommandValidator().Validate(new UpdateRepoCommand { Name = null });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Name"));
    }

    [Test]
    public void UpdateRepo_TracksExactlyThePropertiesSet()
    {
        var command = new UpdateRepoCommand { Description = null, RemoteUrl = "x" };

        Assert.That(command.PresentProperties, Is.EquivalentTo(new[] { "Description", "RemoteUrl" }));
        Assert.That(command.Has(nameof(UpdateRepoCommand.Name)), Is.False);
    }
}
