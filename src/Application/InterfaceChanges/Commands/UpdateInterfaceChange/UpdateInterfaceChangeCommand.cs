using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.Commands.UpdateInterfaceChange;

/// <summary>Edits a draft: only the fields present in the body change. Published and resolved changes cannot be edited (409).</summary>
public sealed record UpdateInterfaceChangeCommand : PatchRequest, ICommand<InterfaceChangeDto>
{
    private readonly string? _title;
    private readonly string? _description;
    private readonly ChangeType? _changeType;
    private readonly InterfaceType? _interfaceType;
    private readonly IReadOnlyList<string>? _affectedRepoSlugs;
    private readonly IReadOnlyList<string>? _affectedPaths;
    private readonly DateOnly? _plannedFor;

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    public string? Title { get => _title; init => _title = Track(value); }

    public string? Description { get => _description; init => _description = Track(value); }

    public ChangeType? ChangeType { get => _changeType; init => _changeType = Track(value); }

    public InterfaceType? InterfaceType { get => _interfaceType; init => _interfaceType = Track(value); }

    /// <summary>Replaces the list; <c>null</c> or <c>[]</c> clears it. Every repo must be registered.</summary>
    public IReadOnlyList<string>? AffectedRepoSlugs { get => _affectedRepoSlugs; init => _affectedRepoSlugs = Track(value); }

    /// <summary>Replaces the list; <c>null</c> or <c>[]</c> clears it.</summary>
    public IReadOnlyList<string>? AffectedPaths { get => _affectedPaths; init => _affectedPaths = Track(value); }

    /// <summary>YYYY-MM-DD; <c>null</c> clears it.</summary>
    public DateOnly? PlannedFor { get => _plannedFor; init => _plannedFor = Track(value); }
}

public sealed class UpdateInterfaceChangeCommandValidator : AbstractValidator<UpdateInterfaceChangeCommand>
{
    public UpdateInterfaceChangeCommandValidator()
    {
        When(c => c.Has(nameof(UpdateInterfaceChangeCommand.Title)), () =>
            RuleFor(c => c.Title).NotEmpty().MaximumLength(InterfaceChange.TitleMaxLength));
        RuleFor(c => c.Description).MaximumLength(InterfaceChange.DescriptionMaxLength);
        When(c => c.Has(nameof(UpdateInterfaceChangeCommand.ChangeType)), () =>
            RuleFor(c => c.ChangeType).NotNull().IsInEnum());
        When(c => c.Has(nameof(UpdateInterfaceChangeCommand.InterfaceType)), () =>
            RuleFor(c => c.InterfaceType).NotNull().IsInEnum());
        this.AffectedRepoSlugRules(c => c.AffectedRepoSlugs);
        this.AffectedPathRules(c => c.AffectedPaths);
    }
}

internal sealed class UpdateInterfaceChangeCommandHandler(
    IInterfaceChangeRepository changes, IRepoRepository repos, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<UpdateInterfaceChangeCommand, InterfaceChangeDto>
{
    public async Task<Func<InterfaceChangeDto>> Handle(UpdateInterfaceChangeCommand request, CancellationToken cancellationToken)
    {
        var change = await changes.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.InterfaceChange(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, change, "interface change", cancellationToken);

        // The entity refuses any edit of a change that is no longer a draft, even an empty one.
        change.Edit(
            request.Has(nameof(request.Title)) ? request.Title! : change.Title,
            request.Has(nameof(request.Description)) ? request.Description : change.Description,
            request.Has(nameof(request.ChangeType)) ? request.ChangeType!.Value : change.ChangeType,
            request.Has(nameof(request.InterfaceType)) ? request.InterfaceType!.Value : change.InterfaceType,
            request.Has(nameof(request.AffectedRepoSlugs)) ? request.AffectedRepoSlugs : change.AffectedRepoSlugs,
            request.Has(nameof(request.AffectedPaths)) ? request.AffectedPaths : change.AffectedPaths,
            request.Has(nameof(request.PlannedFor)) ? request.PlannedFor : change.PlannedFor);
        if (request.Has(nameof(request.AffectedRepoSlugs)))
            await InterfaceChangeRules.RequireAffectedReposAsync(repos, change.AffectedRepoSlugs, cancellationToken);


        var origin = await InterfaceChangeRules.OriginOfAsync(repos, change.OriginRepoId, cancellationToken);
        return () => mapper.Map<InterfaceChangeDto>(change) with { OriginRepoSlug = origin.Slug };
    }
}
