using System.Collections.Concurrent;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;
using StateHub.Application.Common.Telemetry;
using StateHub.Domain.Doi;

namespace StateHub.Application.Doi.Queries.GetDoiSummary;

/// <summary>
/// The DoI tier of every active repo, worst tier first, then by name; a page of them with
/// <see cref="Limit"/> (everything when absent). <paramref name="Include"/>: null for the entries
/// alone (the Python shape), <c>criteria</c> to add each entry's criteria.
/// </summary>
public sealed record GetDoiSummaryQuery(string? Include = null) : IQuery<Page<DoiSummaryEntryDto>>
{
    public const string List = "doi_summary";

    public const string IncludeCriteria = "criteria";

    public int? Limit { get; init; }

    public string? Cursor { get; init; }

    public bool WithCriteria => string.Equals(Include, IncludeCriteria, StringComparison.Ordinal);
}

public sealed class GetDoiSummaryQueryValidator : AbstractValidator<GetDoiSummaryQuery>
{
    public GetDoiSummaryQueryValidator()
    {
        RuleFor(q => q.Include)
            .Must(include => include is null || include == GetDoiSummaryQuery.IncludeCriteria)
            .WithName("include")
            .WithMessage($"include must be '{GetDoiSummaryQuery.IncludeCriteria}' (or left out).");
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || Paging.Decode(GetDoiSummaryQuery.List, c) is not null).WithMessage(Paging.CursorMessage);
    }
}

/// <summary>
/// Three steps, so that no DbContext is ever shared across threads: (1) every database input of
/// the fleet in one statement; (2) in parallel, with a bound, disk facts, fingerprints and, on a
/// cache miss, an evaluation with C7 and C13 skipped — no database work in this step; (3) every
/// new cache row in one statement. A fully cached fleet costs step 1 alone.
/// </summary>
internal sealed class GetDoiSummaryQueryHandler(
    IDoiInputsQuery inputsQuery,
    DoiCacheRecorder cache,
    DoiDiskInspector inspector,
    IGitMetadataReader git,
    IHostIdentity host,
    TimeProvider time,
    IOptions<DoiOptions> options)
    : IRequestHandler<GetDoiSummaryQuery, Page<DoiSummaryEntryDto>>
{
    public async Task<Page<DoiSummaryEntryDto>> Handle(GetDoiSummaryQuery request, CancellationToken cancellationToken)
    {
        var fleet = await inputsQuery.ListActiveAsync(request.WithCriteria, cancellationToken);
        var now = time.GetUtcNow();
        var hostName = host.HostName;
        var entries = new DoiSummaryEntryDto[fleet.Count];
        var writes = new ConcurrentBag<DoiCacheEntry>();

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.Value.SummaryParallelism),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, fleet.Count), parallel, (i, _) =>
        {
            entries[i] = Summarise(fleet[i], hostName, now, writes, request.WithCriteria);
            return ValueTask.CompletedTask;
        });

        // Counted once per request rather than per repo, off the parallel loop.
        StateHubMetrics.DoiCacheHit(fleet.Count - writes.Count);
        StateHubMetrics.DoiCacheMiss(writes.Count);
        StateHubMetrics.DoiEvaluated("summary", writes.Count);
        if (!writes.IsEmpty)
            await cache.RecordAsync(writes.ToList(), fleet.Select(f => f.State).ToList(), cancellationToken);

        // The fleet comes ordered by name, then slug, as the repo list is; a stable sort by tier keeps that order within a tier.
        // Pages are cut from the whole fleet (its evaluation is what costs, and it is cached), keyed by repo slug.
        return Paging.InMemory(entries.OrderBy(e => e.Tier).ToList(), request.Limit, request.Cursor, GetDoiSummaryQuery.List, e => e.RepoSlug);
    }

    private DoiSummaryEntryDto Summarise(DoiRepoInputs inputs, string hostName, DateTimeOffset now, ConcurrentBag<DoiCacheEntry> writes, bool withCriteria)
    {
        var look = inspector.Look(inputs.Repo.PathOnHost(hostName));
        var snapshot = DoiSnapshot.Create(inputs, hostName, look.Probe, now);
        var fingerprint = DoiFingerprint.Compute(snapshot);

        if (inputs.Cached is { } cached && cached.Serves(fingerprint, requireFullEvaluation: false))
        {
            // Without criteria on the wire the row's stored decision answers (the criteria were not even loaded);
            // a row from before the decision was stored has its criteria loaded, and only their verdicts are read.
            if (withCriteria && DoiJson.DeserializeCriteria(cached.Criteria) is { Count: > 0 } cachedCriteria)
                return DoiResults.SummaryEntry(inputs.State, cachedCriteria, cached.CheckedAt, cached: true, cached.FullEvaluation);
            if (!withCriteria && DoiResults.SummaryEntryFromStoredDecision(inputs.State, cached) is { } stored)
                return stored;
            if (!withCriteria && DoiJson.DeserializeVerdicts(cached.Criteria) is { Count: > 0 } verdicts)
                return DoiResults.SummaryEntry(inputs.State, verdicts, null, cached.CheckedAt, cached: true, cached.FullEvaluation);
        }

        var derived = new DoiDerivedFacts
        {
            RootCommits = look.Directory is null ? null : git.ReadRootCommits(look.Directory),
            RunWorkplanCriteria = false,
        };
        var evaluation = DoiEvaluator.Evaluate(snapshot, derived);
        writes.Add(DoiResults.ToCacheEntry(inputs.Repo.Id, evaluation, fingerprint, now, fullEvaluation: false));
        return DoiResults.SummaryEntry(inputs.State, evaluation.Criteria.Select(DoiCriterionDto.From).ToList(), now, cached: false, fullEvaluation: false, withCriteria);
    }
}
