using StateHub.Application.InterfaceChanges.Commands.RegisterInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.ResolveInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.UpdateInterfaceChange;
using StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.UnitTests.InterfaceChanges;

public sealed class InterfaceChangeValidatorTests
{
    private static RegisterInterfaceChangeCommand Valid => new()
    {
        OriginRepoSlug = "origin",
        Title = "T",
        ChangeType = ChangeType.Additive,
        InterfaceType = InterfaceType.Cli,
        AffectedRepoSlugs = ["a", "b-2"],
        AffectedPaths = ["bin/tool"],
    };

    private static string[] Failing<T>(FluentValidation.IValidator<T> validator, T request) =>
        validator.Validate(request).Errors.Select(e => e.PropertyName).ToArray();

    [Test]
    public void Register_Complete_IsValid() =>
        Assert.That(Failing(new RegisterInterfaceChangeCommandValidator(), Valid), Is.Empty);

    [Test]
    public void Register_MissingTitleOriginAndEnums_FailsOnEach() =>
        Assert.That(Failing(new RegisterInterfaceChangeCommandValidator(), new RegisterInterfaceChangeCommand()),
            Is.SupersetOf(new[] { "OriginRepoSlug", "Title", "ChangeType", "InterfaceType" }));

    [Test]
    public void Register_UndefinedEnumValue_Fails() =>
        Assert.That(Failing(new RegisterInterfaceChangeCommandValidator(), Valid with { ChangeType = (ChangeType)42 }), Does.Contain("ChangeType"));

    [Test]
    public void Register_BadAffectedSlug_FailsOnThatElement() =>
        Assert.That(Failing(new RegisterInterfaceChangeCommandValidator(), Valid with { AffectedRepoSlugs = ["ok", "Not OK"] }),
            Does.Contain("AffectedRepoSlugs[1]"));

    [Test]
    public void Register_TooManyAffectedRepos_Fails() =>
        Assert.That(Failing(new RegisterInterfaceChangeCommandValidator(),
                Valid with { AffectedRepoSlugs = Enumerable.Range(0, InterfaceChange.MaxAffectedRepos + 1).Select(i => $"r{i}").ToList() }),
            Does.Contain("AffectedRepoSlugs"));

    [Test]
    public void Register_EmptyOrOverlongPath_FailsOnThatElement() =>
        Assert.That(Failing(new RegisterInterfaceChangeCommandValidator(),
                Valid with { AffectedPaths = ["ok", "", new string('p', InterfaceChange.PathMaxLength + 1)] }),
            Is.SupersetOf(new[] { "AffectedPaths[1]", "AffectedPaths[2]" }));

    [Test]
    public void Register_OverlongTitle_Fails() =>
        Assert.That(Failing(new RegisterInterfaceChangeCommandValidator(), Valid with { Title = new string('t', InterfaceChange.TitleMaxLength + 1) }),
            Does.Contain("Title"));

    [Test]
    public void Update_EmptyBody_IsValid() =>
        Assert.That(Failing(new UpdateInterfaceChangeCommandValidator(), new UpdateInterfaceChangeCommand()), Is.Empty);

    [Test]
    public void Update_PresentNullTitleOrEnums_Fails() =>
        Assert.That(Failing(new UpdateInterfaceChangeCommandValidator(),
                new UpdateInterfaceChangeCommand { Title = null, ChangeType = null, InterfaceType = null }),
            Is.SupersetOf(new[] { "Title", "ChangeType", "InterfaceType" }));

    [Test]
    public void Update_NullListsAndDate_AreValidAndTracked()
    {
        var command = new UpdateInterfaceChangeCommand { AffectedRepoSlugs = null, AffectedPaths = null, PlannedFor = null };

        Assert.That(Failing(new UpdateInterfaceChangeCommandValidator(), command), Is.Empty);
        Assert.That(command.PresentProperties, Is.EquivalentTo(new[] { "AffectedRepoSlugs", "AffectedPaths", "PlannedFor" }));
    }

    [Test]
    public void Update_BadAffectedSlug_Fails() =>
        Assert.That(Failing(new UpdateInterfaceChangeCommandValidator(), new UpdateInterfaceChangeCommand { AffectedRepoSlugs = ["UPPER"] }),
            Does.Contain("AffectedRepoSlugs[0]"));

    [Test]
    public void Resolve_OverlongNote_FailsAndAbsentNoteIsValid()
    {
        var validator = new ResolveInterfaceChangeCommandValidator();

        Assert.That(Failing(validator, new ResolveInterfaceChangeCommand { ResolutionNote = new string('n', InterfaceChange.ResolutionNoteMaxLength + 1) }),
            Does.Contain("ResolutionNote"));
        Assert.That(Failing(validator, new ResolveInterfaceChangeCommand()), Is.Empty);
    }

    [Test]
    public void List_UndefinedStatus_FailsAndKnownOrAbsentStatusIsValid()
    {
        var validator = new ListInterfaceChangesQueryValidator();

        Assert.That(Failing(validator, new ListInterfaceChangesQuery((InterfaceChangeStatus)9, null, null)), Does.Contain("Status"));
        Assert.That(Failing(validator, new ListInterfaceChangesQuery(InterfaceChangeStatus.Resolved, "o", "a")), Is.Empty);
        Assert.That(Failing(validator, new ListInterfaceChangesQuery(null, null, null)), Is.Empty);
    }
}
