using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Tpsc;

namespace StateHub.Application.TpscSnapshots.Commands.CreateTpscSnapshot;

/// <summary>Records a repo's third-party component inventory.</summary>
public sealed record CreateTpscSnapshotCommand : ICommand<TpscSnapshotDto>
{
    [JsonIgnore]
    public string RepoSlug { get; init; } = null!;

    /// <summary>When the inventory was taken; now when absent.</summary>
    public DateTimeOffset? SnapshotAt { get; init; }

    public IReadOnlyList<TpscComponentDto> Components { get; init; } = null!;
}

public sealed class CreateTpscSnapshotCommandValidator : AbstractValidator<CreateTpscSnapshotCommand>
{
    public CreateTpscSnapshotCommandValidator()
    {
        RuleFor(c => c.Components).NotNull()
            .Must(c => c is null || c.Count <= TpscSnapshot.MaxComponents)
            .WithMessage($"A snapshot holds at most {TpscSnapshot.MaxComponents} components.");
        RuleForEach(c => c.Components).NotNull().ChildRules(component =>
        {
            component.RuleFor(x => x.Name).NotEmpty().MaximumLength(TpscComponentDto.NameMaxLength);
            component.RuleFor(x => x.Version).MaximumLength(TpscComponentDto.VersionMaxLength);
            component.RuleFor(x => x.Ecosystem).MaximumLength(TpscComponentDto.EcosystemMaxLength);
            component.RuleFor(x => x.License).MaximumLength(TpscComponentDto.LicenseMaxLength);
        });
    }
}

internal sealed class CreateTpscSnapshotCommandHandler(IRepoRepository repos, ITpscSnapshotRepository snapshots, TimeProvider clock, IMapper mapper)
    : ICommandHandler<CreateTpscSnapshotCommand, TpscSnapshotDto>
{
    public async Task<Func<TpscSnapshotDto>> Handle(CreateTpscSnapshotCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.RepoSlug, cancellationToken);

        var components = request.Components
            .Select(c => new TpscComponent(c.Name.Trim(), c.Version, c.Ecosystem, c.License))
            .ToList();
        var snapshot = TpscSnapshot.Create(repo.Id, request.SnapshotAt ?? clock.GetUtcNow(), components);
        snapshots.Add(snapshot);

        return () => mapper.Map<TpscSnapshotDto>(snapshot) with { RepoSlug = repo.Slug };
    }
}
