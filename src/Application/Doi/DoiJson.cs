using System.Text.Json;
using System.Text.Json.Serialization;
using StateHub.Application.Workplans;
using StateHub.Domain.Doi;

namespace StateHub.Application.Doi;

/// <summary>The JSON documents DoI stores: cached criteria and pushed workplan files, in the wire's snake_case.</summary>
public static class DoiJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string SerializeCriteria(IEnumerable<DoiCriterionResult> criteria) =>
        JsonSerializer.Serialize(criteria.Select(DoiCriterionDto.From).ToList(), Options);

    /// <summary>The cached criteria; an unreadable document yields none, which the caller treats as a cache miss.</summary>
    public static IReadOnlyList<DoiCriterionDto>? DeserializeCriteria(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<DoiCriterionDto>>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Only what the tier rules read of the cached criteria (id, tier, status), for a summary entry
    /// without criteria: labels and details are skipped by the reader, never materialised. An
    /// unreadable document yields none, as <see cref="DeserializeCriteria"/> does.
    /// </summary>
    public static IReadOnlyList<CriterionVerdict>? DeserializeVerdicts(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<StoredVerdict>>(json, Options)?
                .Select(v => new CriterionVerdict(v.Id!, v.Tier, v.Status))
                .ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string SerializeWorkplans(IEnumerable<WorkplanSource> files) =>
        JsonSerializer.Serialize(files.Select(f => new StoredWorkplan(f.Path, f.Content)).ToList(), Options);

    public static IReadOnlyList<WorkplanSource> DeserializeWorkplans(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            return (JsonSerializer.Deserialize<List<StoredWorkplan>>(json, Options) ?? [])
                .Where(f => f.Path is not null)
                .Select(f => new WorkplanSource(f.Path!, f.Content ?? string.Empty))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record StoredVerdict(string? Id, DoiTier Tier, CriterionStatus Status);

    private sealed record StoredWorkplan(string? Path, string? Content);
}
