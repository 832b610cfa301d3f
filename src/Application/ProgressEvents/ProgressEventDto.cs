using System.Text.Json;
using AutoMapper;
using StateHub.Application.Common.Serialization;
using StateHub.Domain.Events;

namespace StateHub.Application.ProgressEvents;

/// <summary>An entry on a repo's timeline as the API shows it.</summary>
public sealed record ProgressEventDto
{
    public Guid Id { get; init; }

    public Guid RepoId { get; init; }

    public string RepoSlug { get; init; } = null!;

    /// <summary>What kind of thing happened, e.g. <c>task_done</c>, <c>interface_change_published</c>.</summary>
    public string Kind { get; init; } = null!;

    public string Summary { get; init; } = null!;

    /// <summary>Structured details: a JSON object, returned exactly as it was logged.</summary>
    public JsonElement Data { get; init; }

    /// <summary>Who caused it: the API key's name, <c>admin</c> for the bootstrap key, <c>anonymous</c> without a key, <c>system</c> for the hub's own work.</summary>
    public string Actor { get; init; } = null!;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Tolerant: rows stored before the depth limit (§15) still read back.</summary>
    private static JsonElement ParseData(string json) => StoredJson.Read(json);

    private sealed class Mapping : Profile
    {
        // The entity holds the repo's id only; handlers fill in the slug they resolved.
        public Mapping() =>
            CreateMap<ProgressEvent, ProgressEventDto>()
                .ForMember(d => d.RepoSlug, o => o.Ignore())
                .ForMember(d => d.Data, o => o.MapFrom(s => ParseData(s.Data)));
    }
}
