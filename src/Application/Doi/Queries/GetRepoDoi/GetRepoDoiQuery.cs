using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Telemetry;

namespace StateHub.Application.Doi.Queries.GetRepoDoi;

/// <summary>The full DoI report of one repo: every criterion runs, unless the cached result still answers for the same inputs.</summary>
public sealed record GetRepoDoiQuery(string Slug, bool ForceRefresh = false) : IQuery<DoiReportDto>;

internal sealed class GetRepoDoiQueryHandler(
    IDoiInputsQuery inputsQuery,
    DoiCacheRecorder cache,
    DoiDiskInspector inspector,
    IGitMetadataReader git,
    DoiWorkplanCheck workplanCheck,
    IHostIdentity host,
    TimeProvider time)
    : IRequestHandler<GetRepoDoiQuery, DoiReportDto>
{
    public async Task<DoiReportDto> Handle(GetRepoDoiQuery request, CancellationToken cancellationToken)
    {
        var inputs = await inputsQuery.GetRepoAsync(request.Slug, cancellationToken)
            ?? throw NotFoundException.Repo(request.Slug);
        var now = time.GetUtcNow();
        var look = inspector.Look(inputs.Repo.PathOnHost(host.HostName));
        var snapshot = DoiSnapshot.Create(inputs, host.HostName, look.Probe, now);
        var fingerprint = DoiFingerprint.Compute(snapshot);

        if (!request.ForceRefresh
            && inputs.Cached is { } cached
            && cached.Serves(fingerprint, requireFullEvaluation: true)
            && DoiJson.DeserializeCriteria(cached.Criteria) is { Count: > 0 } cachedCriteria)
        {
            StateHubMetrics.DoiCacheHit();
            return DoiResults.Report(snapshot, cachedCriteria, cached.CheckedAt, fingerprint, cached: true);
        }

        StateHubMetrics.DoiCacheMiss();

        WorkplanConsistency? workplans = null;
        if (snapshot.DiskFactsSource != DoiDiskFactsSource.None)
        {
            var workstreams = await inputsQuery.ListWorkstreamsAsync(inputs.Repo.Id, cancellationToken);
            workplans = workplanCheck.Check(snapshot, inputs, workstreams);
        }

        var derived = new DoiDerivedFacts
        {
            RootCommits = look.Directory is null ? null : git.ReadRootCommits(look.Directory),
            RunWorkplanCriteria = true,
            Workplans = workplans,
        };
        var evaluation = DoiEvaluator.Evaluate(snapshot, derived);
        StateHubMetrics.DoiEvaluated("full");
        await cache.RecordAsync([DoiResults.ToCacheEntry(inputs.Repo.Id, evaluation, fingerprint, now, fullEvaluation: true)], [inputs.State], cancellationToken);
        return DoiResults.Report(snapshot, evaluation.Criteria.Select(DoiCriterionDto.From).ToList(), now, fingerprint, cached: false);
    }
}
