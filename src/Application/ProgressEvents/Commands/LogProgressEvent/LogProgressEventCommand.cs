using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Events;

namespace StateHub.Application.ProgressEvents.Commands.LogProgressEvent;

/// <summary>Adds an entry to a repo's timeline.</summary>
public sealed record LogProgressEventCommand : ICommand<ProgressEventDto>
{
    /// <summary>The largest <c>data</c> object accepted, in characters of JSON.</summary>
    public const int DataMaxLength = 64 * 1024;

    [JsonIgnore]
    public string RepoSlug { get; init; } = null!;

    /// <summary>What kind of thing happened, e.g. <c>task_done</c>.</summary>
    public string Kind { get; init; } = null!;

    /// <summary>What happened, in a sentence.</summary>
    public string Summary { get; init; } = null!;

    /// <summary>Structured details; must be a JSON object. Empty when absent.</summary>
    public JsonElement? Data { get; init; }
}

public sealed class LogProgressEventCommandValidator : AbstractValidator<LogProgressEventCommand>
{
    public LogProgressEventCommandValidator()
    {
        RuleFor(c => c.Kind).NotEmpty().MaximumLength(ProgressEvent.KindMaxLength);
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(ProgressEvent.SummaryMaxLength);
        RuleFor(c => c.Data)
            .Must(d => d is null || d.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("'data' must be a JSON object.")
            .Must(d => d is null || d.Value.GetRawText().Length <= LogProgressEventCommand.DataMaxLength)
            .WithMessage($"'data' must be at most {LogProgressEventCommand.DataMaxLength} characters of JSON.");
    }
}

internal sealed class LogProgressEventCommandHandler(IRepoRepository repos, IProgressEventRepository events, IMapper mapper)
    : ICommandHandler<LogProgressEventCommand, ProgressEventDto>
{
    public async Task<Func<ProgressEventDto>> Handle(LogProgressEventCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.RepoSlug, cancellationToken);

        var progressEvent = ProgressEvent.Create(repo.Id, request.Kind, request.Summary, request.Data is { ValueKind: JsonValueKind.Object } data ? data.GetRawText() : null);
        events.Add(progressEvent);

        return () => mapper.Map<ProgressEventDto>(progressEvent) with { RepoSlug = repo.Slug };
    }
}
