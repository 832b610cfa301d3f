using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Work;

namespace StateHub.Application.Workstreams.Commands.UpdateWorkstream;

/// <summary>Changes only the fields present in the body; a new key must be free in the repo.</summary>
public sealed record UpdateWorkstreamCommand : PatchRequest, ICommand<WorkstreamDto>
{
    private readonly string? _key;
    private readonly string? _title;
    private readonly WorkstreamStatus? _status;
    private readonly string? _sourcePath;

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    public string? Key { get => _key; init => _key = Track(value); }

    public string? Title { get => _title; init => _title = Track(value); }

    public WorkstreamStatus? Status { get => _status; init => _status = Track(value); }

    public string? SourcePath { get => _sourcePath; init => _sourcePath = Track(value); }
}

public sealed class UpdateWorkstreamCommandValidator : AbstractValidator<UpdateWorkstreamCommand>
{
    public UpdateWorkstreamCommandValidator()
    {
        When(c => c.Has(nameof(UpdateWorkstreamCommand.Key)), () =>
            RuleFor(c => c.Key).NotEmpty().MaximumLength(Workstream.KeyMaxLength));
        When(c => c.Has(nameof(UpdateWorkstreamCommand.Title)), () =>
            RuleFor(c => c.Title).NotEmpty().MaximumLength(Workstream.TitleMaxLength));
        When(c => c.Has(nameof(UpdateWorkstreamCommand.Status)), () =>
            RuleFor(c => c.Status).NotNull().IsInEnum());
        RuleFor(c => c.SourcePath).MaximumLength(Workstream.SourcePathMaxLength);
    }
}

internal sealed class UpdateWorkstreamCommandHandler(IWorkstreamRepository workstreams, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<UpdateWorkstreamCommand, WorkstreamDto>
{
    public async Task<Func<WorkstreamDto>> Handle(UpdateWorkstreamCommand request, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Workstream(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, workstream, "workstream", cancellationToken);

        if (request.Has(nameof(request.Key)) && workstream.Rekey(request.Key!))
        {
            if (await workstreams.KeyExistsAsync(workstream.RepoId, workstream.Key, workstream.Id, cancellationToken))
                throw WorkstreamConflicts.DuplicateKey(workstream.Repo.Slug, workstream.Key);
        }

        if (request.Has(nameof(request.Title)))
            workstream.Retitle(request.Title!);
        if (request.Has(nameof(request.Status)))
            workstream.ChangeStatus(request.Status!.Value);
        if (request.Has(nameof(request.SourcePath)))
            workstream.SetSourcePath(request.SourcePath);

        return () => mapper.Map<WorkstreamDto>(workstream);
    }
}
