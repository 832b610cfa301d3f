using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Work;

namespace StateHub.Application.Workstreams.Commands.CreateWorkstream;

/// <summary>Adds a workstream to a repo; its key must be new in that repo.</summary>
public sealed record CreateWorkstreamCommand : ICommand<WorkstreamDto>
{
    [JsonIgnore]
    public string RepoSlug { get; init; } = null!;

    /// <summary>Unique within the repo, e.g. <c>CUST-WP-0033</c>.</summary>
    public string Key { get; init; } = null!;

    public string Title { get; init; } = null!;

    /// <summary>Active when absent.</summary>
    public WorkstreamStatus? Status { get; init; }

    /// <summary>The workplan file, relative to the repo root.</summary>
    public string? SourcePath { get; init; }
}

public sealed class CreateWorkstreamCommandValidator : AbstractValidator<CreateWorkstreamCommand>
{
    public CreateWorkstreamCommandValidator()
    {
        RuleFor(c => c.Key).NotEmpty().MaximumLength(Workstream.KeyMaxLength);
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Workstream.TitleMaxLength);
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.SourcePath).MaximumLength(Workstream.SourcePathMaxLength);
    }
}

internal sealed class CreateWorkstreamCommandHandler(IRepoRepository repos, IWorkstreamRepository workstreams, IMapper mapper)
    : ICommandHandler<CreateWorkstreamCommand, WorkstreamDto>
{
    public async Task<Func<WorkstreamDto>> Handle(CreateWorkstreamCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.RepoSlug, cancellationToken);

        var workstream = Workstream.Create(repo.Id, request.Key, request.Title, request.Status ?? WorkstreamStatus.Active, request.SourcePath);
        if (await workstreams.KeyExistsAsync(repo.Id, workstream.Key, null, cancellationToken))
            throw WorkstreamConflicts.DuplicateKey(repo.Slug, workstream.Key);

        workstreams.Add(workstream);

        return () => mapper.Map<WorkstreamDto>(workstream) with { RepoSlug = repo.Slug };
    }
}
