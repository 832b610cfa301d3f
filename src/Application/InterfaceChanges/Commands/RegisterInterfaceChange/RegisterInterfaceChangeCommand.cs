using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.Commands.RegisterInterfaceChange;

/// <summary>Registers a draft change to an interface the origin repo offers. Nobody is notified until it is published.</summary>
public sealed record RegisterInterfaceChangeCommand : ICommand<InterfaceChangeDto>
{
    /// <summary>The repo that offers the changing interface; must be registered (404 otherwise).</summary>
    public string OriginRepoSlug { get; init; } = null!;

    public string Title { get; init; } = null!;

    public string? Description { get; init; }

    public ChangeType? ChangeType { get; init; }

    public InterfaceType? InterfaceType { get; init; }

    /// <summary>Repos that must react; every one must be registered (404 naming those that are not).</summary>
    public IReadOnlyList<string>? AffectedRepoSlugs { get; init; }

    public IReadOnlyList<string>? AffectedPaths { get; init; }

    /// <summary>When the change is planned to land, YYYY-MM-DD.</summary>
    public DateOnly? PlannedFor { get; init; }
}

public sealed class RegisterInterfaceChangeCommandValidator : AbstractValidator<RegisterInterfaceChangeCommand>
{
    public RegisterInterfaceChangeCommandValidator()
    {
        RuleFor(c => c.OriginRepoSlug).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(InterfaceChange.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(InterfaceChange.DescriptionMaxLength);
        RuleFor(c => c.ChangeType).NotNull().IsInEnum();
        RuleFor(c => c.InterfaceType).NotNull().IsInEnum();
        this.AffectedRepoSlugRules(c => c.AffectedRepoSlugs);
        this.AffectedPathRules(c => c.AffectedPaths);
    }
}

internal sealed class RegisterInterfaceChangeCommandHandler(
    IRepoRepository repos, IInterfaceChangeRepository changes, IMapper mapper)
    : ICommandHandler<RegisterInterfaceChangeCommand, InterfaceChangeDto>
{
    public async Task<Func<InterfaceChangeDto>> Handle(RegisterInterfaceChangeCommand request, CancellationToken cancellationToken)
    {
        var origin = await repos.GetRequiredBySlugAsync(request.OriginRepoSlug, cancellationToken);

        var change = InterfaceChange.Draft(
            origin.Id, request.Title, request.Description, request.ChangeType!.Value, request.InterfaceType!.Value,
            request.AffectedRepoSlugs, request.AffectedPaths, request.PlannedFor);
        await InterfaceChangeRules.RequireAffectedReposAsync(repos, change.AffectedRepoSlugs, cancellationToken);

        changes.Add(change);

        return () => mapper.Map<InterfaceChangeDto>(change) with { OriginRepoSlug = origin.Slug };
    }
}
