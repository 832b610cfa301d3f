using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Messaging;
using StateHub.WebApi.Controllers;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

// Shapes the real endpoints do not have yet (dates, nullable ids and enums, multi-word enum
// values, a validator-required nullable value, a partial update, 204), served only by OpenApiConventionsTests' own host, to prove the
// document conventions hold for whatever endpoint comes next.

public enum ProbeKind
{
    FirstKind,
    SecondKind,
}

public sealed record ProbeCommand
{
    /// <example>Probe</example>
    public string Title { get; init; } = null!;

    /// <example>["first_kind"]</example>
    public IReadOnlyList<ProbeKind> Kinds { get; init; } = [];

    public DateOnly? DueOn { get; init; }

    public Guid? ParentId { get; init; }

    public ProbeKind? Kind { get; init; }

    /// <summary>Nullable so that a missing value reaches the validator, which requires it.</summary>
    /// <example>second_kind</example>
    public ProbeKind? Severity { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Note { get; init; }

    /// <summary>Required only with a kind (a <c>When</c> block, as an API key's <c>repo_slug</c> for agent keys).</summary>
    public string? Owner { get; init; }
}

public sealed class ProbeCommandValidator : AbstractValidator<ProbeCommand>
{
    public ProbeCommandValidator()
    {
        RuleFor(c => c.Severity).NotNull().IsInEnum();
        RuleForEach(c => c.Tags).NotEmpty();
        RuleFor(c => c.Note).NotEmpty().When(c => c.Tags is not null);
        When(c => c.Kind is not null, () => RuleFor(c => c.Owner).NotEmpty());
    }
}

public sealed record ProbePatchCommand : PatchRequest
{
    private readonly string? _title;

    public string? Title { get => _title; init => _title = Track(value); }
}

public sealed record ProbeDto
{
    public Guid Id { get; init; }

    public DateOnly? DueOn { get; init; }

    public ProbeKind Kind { get; init; }

    public string? Note { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Hint { get; init; }
}

[Route("probe")]
public sealed class ProbeController : ApiControllerBase
{
    /// <summary>Create a probe.</summary>
    [HttpPost("{probe_id}")]
    [ProducesResponseType(typeof(ProbeDto), StatusCodes.Status201Created)]
    public ActionResult<ProbeDto> CreateProbe([FromRoute(Name = "probe_id")] Guid probeId, ProbeCommand command, [FromQuery(Name = "kind")] ProbeKind? kind = null) =>
        StatusCode(StatusCodes.Status201Created, new ProbeDto { Id = probeId, DueOn = command.DueOn, Kind = kind ?? ProbeKind.FirstKind });

    /// <summary>Change a probe.</summary>
    [HttpPatch("{slug}")]
    [ProducesResponseType(typeof(ProbeDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public ProbeDto UpdateProbe(string slug, ProbePatchCommand command) => new() { Note = slug + command.Title };

    [HttpDelete("{slug}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public IActionResult RemoveProbe(
        string slug,
        [FromQuery(Name = "reason")] string reason,
        [FromQuery(Name = "dry_run")] bool dryRun,
        [FromQuery(Name = "cascade")] bool? cascade) =>
        NoContent();
}
