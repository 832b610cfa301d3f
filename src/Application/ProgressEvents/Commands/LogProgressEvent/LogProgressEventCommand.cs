using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Application.Common.Serialization;
using StateHub.Domain.Events;

namespace StateHub.Application.ProgressEvents.Commands.LogProgressEvent;

/// <summary>Adds an entry to a repo's timeline.</summary>
public sealed record LogProgressEventCommand : ICommand<ProgressEventDto>, IRepoScopedRequest
{
    /// <summary>The largest <c>data</c> object accepted, in bytes of UTF-8 JSON with numbers written out in full.</summary>
    public const int DataMaxLength = StoredJson.MaxBytes;

    /// <summary>How deeply <c>data</c> may nest.</summary>
    public const int DataMaxDepth = StoredJson.MaxDepth;

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
        RuleFor(c => c.Data).Cascade(CascadeMode.Stop)
            .Must(d => d is null || d.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("'data' must be a JSON object.")
            .Must(d => d is null || StoredJson.Depth(d.Value) <= LogProgressEventCommand.DataMaxDepth)
            .WithMessage($"'data' must nest at most {LogProgressEventCommand.DataMaxDepth} levels deep.")
            .Must(d => d is null || StoredJson.FindTooLongNumber(d.Value, "data") is null)
            .WithMessage((_, d) => StoredJson.FindTooLongNumber(d!.Value, "data") is { } found
                ? $"'data' may hold numbers of at most {StoredJson.MaxNumberLength} characters written out in full (as they are stored); the one at {found.Path} is {found.Length} characters long."
                : "'data' holds a number too long to store.")
            .Must(d => d is null || StoredJson.Utf8Length(d.Value) <= LogProgressEventCommand.DataMaxLength)
            .WithMessage($"'data' must be at most {LogProgressEventCommand.DataMaxLength} bytes of JSON, numbers counted written out in full (as they are stored: 1e6 is 1000000).");
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
