using System.Globalization;
using StateHub.Domain.Common;
using StateHub.Domain.Doi;
using StateHub.Domain.Domains;

namespace StateHub.Application.Doi;

/// <summary>One criterion's result, with a detail that tells a person how to fix a failure.</summary>
public sealed record DoiCriterionResult(string Id, string Label, DoiTier Tier, CriterionStatus Status, string Detail)
{
    public CriterionVerdict Verdict => new(Id, Tier, Status);
}

/// <summary>The results of the 14 criteria and the tier they add up to.</summary>
public sealed record DoiEvaluation(IReadOnlyList<DoiCriterionResult> Criteria, DoiTierOutcome Outcome);

/// <summary>
/// Evaluates the 14 DoI criteria. Pure: everything comes from the snapshot and the derived facts,
/// so the same inputs always give the same answer (which is what makes the fingerprint cache sound).
/// </summary>
public static class DoiEvaluator
{
    public static DoiEvaluation Evaluate(DoiSnapshot snapshot, DoiDerivedFacts derived)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(derived);
        var facts = DiskFacts.From(snapshot);
        var criteria = new List<DoiCriterionResult>
        {
            DomainActive(snapshot),
            RemoteRecorded(snapshot),
            FingerprintRecorded(snapshot),
            DirectoryReadable(snapshot),
            AgentInstructions(snapshot, facts),
            Readme(snapshot, facts),
            WorkplansAgree(snapshot, facts, derived),
            SbomFresh(snapshot),
            TpscRecorded(snapshot),
            GoalActive(snapshot),
            RootCommitMatches(snapshot, facts, derived),
            CiPresent(snapshot, facts),
            NoOrphansAndSynced(snapshot, facts, derived),
            InboxKeptUp(snapshot),
        };
        return new DoiEvaluation(criteria, DoiTierRules.Decide(criteria.Select(c => c.Verdict)));
    }

    private static DoiCriterionResult DomainActive(DoiSnapshot s)
    {
        var repo = s.Repo;
        return repo.DomainStatus == DomainStatus.Active
            ? Pass(DoiCriteria.C1, $"Domain '{repo.DomainSlug}' is active.")
            : Fail(DoiCriteria.C1, $"Domain '{repo.DomainSlug}' is {EnumWire.Name(repo.DomainStatus)}. When its work resumes, set it active: PATCH /domains/{repo.DomainSlug} {{\"status\": \"active\"}}.");
    }

    private static DoiCriterionResult RemoteRecorded(DoiSnapshot s) =>
        string.IsNullOrWhiteSpace(s.Repo.RemoteUrl)
            ? Fail(DoiCriteria.C2, $"No remote_url is recorded. Record it: PATCH /repos/{s.Repo.Slug} {{\"remote_url\": \"<output of git remote get-url origin>\"}}.")
            : Pass(DoiCriteria.C2, $"remote_url is {s.Repo.RemoteUrl}.");

    private static DoiCriterionResult FingerprintRecorded(DoiSnapshot s) =>
        string.IsNullOrWhiteSpace(s.Repo.GitFingerprint)
            ? Fail(DoiCriteria.C3, $"No git_fingerprint is recorded. Record the root commit: PATCH /repos/{s.Repo.Slug} {{\"git_fingerprint\": \"<output of git rev-list --max-parents=0 HEAD>\"}}.")
            : Pass(DoiCriteria.C3, $"git_fingerprint is {s.Repo.GitFingerprint}.");

    private static DoiCriterionResult DirectoryReadable(DoiSnapshot s)
    {
        if (s.Disk is not null)
            return Pass(DoiCriteria.C4, $"'{s.PathOnHost}' is a readable directory on host '{s.HostName}'.");
        if (s.Report is { } report)
        {
            return Pass(DoiCriteria.C4, $"The repo directory is not readable on host '{s.HostName}' ({Where(s)}); disk facts come from the facts report collected at {Time(report.CollectedAt)} and received at {Time(report.ReceivedAt)}. Push a fresh one with PUT /repos/{s.Repo.Slug}/facts when they change.");
        }

        return Fail(DoiCriteria.C4, $"The repo directory is not readable on host '{s.HostName}' ({Where(s)}). {HowToProvideDiskFacts(s)}");
    }

    private static DoiCriterionResult AgentInstructions(DoiSnapshot s, DiskFacts? facts)
    {
        if (facts is null)
            return Unavailable(DoiCriteria.C5, s);
        var found = DoiCriteria.AgentInstructionFiles.Where(facts.HasFile).ToList();
        return found.Count > 0
            ? Pass(DoiCriteria.C5, $"{string.Join(" and ", found)} found at the root{facts.FromWhere}.")
            : Fail(DoiCriteria.C5, $"No AGENTS.md or CLAUDE.md at the root{facts.FromWhere}. Add AGENTS.md with the instructions the repo's agent needs (how to build, test and where work is tracked).");
    }

    private static DoiCriterionResult Readme(DoiSnapshot s, DiskFacts? facts)
    {
        if (facts is null)
            return Unavailable(DoiCriteria.C6, s);
        return facts.HasFile(DoiCriteria.ReadmeFile)
            ? Pass(DoiCriteria.C6, $"README.md found at the root{facts.FromWhere}.")
            : Fail(DoiCriteria.C6, $"No README.md at the root{facts.FromWhere}. Add a README.md that says what the repo is and how to build and run it.");
    }

    private static DoiCriterionResult WorkplansAgree(DoiSnapshot s, DiskFacts? facts, DoiDerivedFacts derived)
    {
        if (!derived.RunWorkplanCriteria)
            return Skip(DoiCriteria.C7, $"Not run in the fleet summary; GET /repos/{s.Repo.Slug}/doi runs it.");
        if (facts is null || derived.Workplans is not { } workplans)
            return Unavailable(DoiCriteria.C7, s);
        if (workplans.FileCount == 0 && workplans.Disagreements.Count == 0)
            return Skip(DoiCriteria.C7, $"No workplan files (workplans/*.md){facts.FromWhere}; there is nothing to compare with the hub.");
        if (workplans.Disagreements.Count > 0)
        {
            return Fail(DoiCriteria.C7, $"{Count(workplans.Disagreements.Count, "disagreement")} between the workplan files{facts.FromWhere} and the hub: {List(workplans.Disagreements)}. The files are the source of truth: {facts.SyncCall(s.Repo.Slug)} to make the hub match them, and fix any invalid file.");
        }

        return Pass(DoiCriteria.C7, workplans.FileCount == 1
            ? $"The workplan file{facts.FromWhere} agrees with the hub."
            : $"All {workplans.FileCount} workplan files{facts.FromWhere} agree with the hub.");
    }

    private static DoiCriterionResult SbomFresh(DoiSnapshot s)
    {
        var at = s.Repo.LastSbomAt;
        var fix = $"Produce an SBOM and record when: PATCH /repos/{s.Repo.Slug} {{\"last_sbom_at\": \"<ISO-8601 time>\"}}.";
        if (at is null)
            return Fail(DoiCriteria.C8, "No SBOM is recorded. " + fix);
        if (DoiCriteria.SbomInFuture(at, s.Now))
        {
            return Fail(DoiCriteria.C8, $"The last SBOM is recorded at {Time(at.Value)}, {Age(at.Value - s.Now)} in the future, so it says nothing about how fresh the SBOM is (a wrong clock or a mistyped time). " +
                $"Record when the SBOM was really produced: PATCH /repos/{s.Repo.Slug} {{\"last_sbom_at\": \"<ISO-8601 time>\"}}.");
        }

        return DoiCriteria.SbomStale(at, s.Now)
            ? Fail(DoiCriteria.C8, $"The last SBOM is from {Time(at.Value)}, {Age(s.Now - at.Value)} ago, older than {DoiCriteria.SbomMaxAge.TotalDays:0} days. {fix}")
            : Pass(DoiCriteria.C8, $"The last SBOM is from {Time(at.Value)}, {Age(s.Now - at.Value)} ago.");
    }

    private static DoiCriterionResult TpscRecorded(DoiSnapshot s) =>
        s.Hub.TpscCount > 0
            ? Pass(DoiCriteria.C9, $"{Count(s.Hub.TpscCount, "TPSC snapshot")} recorded.")
            : Fail(DoiCriteria.C9, $"No TPSC snapshot is recorded. Inventory the third-party components and record them: POST /repos/{s.Repo.Slug}/tpsc-snapshots.");

    private static DoiCriterionResult GoalActive(DoiSnapshot s) =>
        s.Hub.ActiveGoalCount > 0
            ? Pass(DoiCriteria.C10, $"{Count(s.Hub.ActiveGoalCount, "active goal")}.")
            : Fail(DoiCriteria.C10, s.Hub.GoalCount > 0
                ? $"None of the repo's {Count(s.Hub.GoalCount, "goal")} is active. Add the next goal: POST /repos/{s.Repo.Slug}/goals, or reactivate one with PATCH /goals/{{id}}."
                : $"The repo has no goal. Say what it is working towards: POST /repos/{s.Repo.Slug}/goals.");

    private static DoiCriterionResult RootCommitMatches(DoiSnapshot s, DiskFacts? facts, DoiDerivedFacts derived)
    {
        var recorded = s.Repo.GitFingerprint?.Trim();
        if (string.IsNullOrEmpty(recorded))
            return Fail(DoiCriteria.C11, $"No git_fingerprint is recorded to compare with the root commit (see C3): PATCH /repos/{s.Repo.Slug} {{\"git_fingerprint\": \"<output of git rev-list --max-parents=0 HEAD>\"}}.");
        if (facts is null)
            return Unavailable(DoiCriteria.C11, s);

        IReadOnlyList<string> roots;
        if (facts.Source == DoiDiskFactsSource.Directory)
        {
            var read = derived.RootCommits;
            if (read is null || read.Problem is not null)
            {
                return Fail(DoiCriteria.C11, $"The root commit could not be read from the repository's .git: {read?.Problem ?? "it was not read"}. Fix the clone on this host, or have the repo's agent push its root commit with PUT /repos/{s.Repo.Slug}/facts (root_commit).");
            }

            roots = read.Commits;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(s.Report!.RootCommit))
                return Fail(DoiCriteria.C11, $"The facts report carries no root_commit. Push it again with root_commit set to the output of git rev-list --max-parents=0 HEAD: PUT /repos/{s.Repo.Slug}/facts.");
            roots = [s.Report.RootCommit.Trim()];
        }

        if (roots.Any(r => string.Equals(r, recorded, StringComparison.OrdinalIgnoreCase)))
            return Pass(DoiCriteria.C11, $"git_fingerprint {recorded} is the root commit{facts.FromWhere}.");
        var actual = roots.Count == 1 ? $"the root commit{facts.FromWhere} is {roots[0]}" : $"the root commits{facts.FromWhere} are {string.Join(", ", roots)}";
        return Fail(DoiCriteria.C11, $"git_fingerprint is {recorded}, but {actual}. If the path points at the right clone, record the root commit: PATCH /repos/{s.Repo.Slug} {{\"git_fingerprint\": \"{roots.FirstOrDefault()}\"}}; otherwise fix the path with POST /repos/{s.Repo.Slug}/paths.");
    }

    private static DoiCriterionResult CiPresent(DoiSnapshot s, DiskFacts? facts)
    {
        if (facts is null)
            return Unavailable(DoiCriteria.C12, s);
        var found = facts.Paths.Where(DoiCriteria.IsCiFile).ToList();
        if (found.Count > 0)
            return Pass(DoiCriteria.C12, $"CI configuration found{facts.FromWhere}: {List(found)}.");
        var hint = facts.Source == DoiDiskFactsSource.FactsReport
            ? " A facts report lists CI files by their paths in root_files (e.g. \".ci/run\", \".github/workflows/ci.yml\")."
            : string.Empty;
        return Fail(DoiCriteria.C12, $"No CI configuration{facts.FromWhere}. Add one of .github/workflows/*.yml, .gitlab-ci.yml or .ci/run.{hint}");
    }

    private static DoiCriterionResult NoOrphansAndSynced(DoiSnapshot s, DiskFacts? facts, DoiDerivedFacts derived)
    {
        if (!derived.RunWorkplanCriteria)
            return Skip(DoiCriteria.C13, $"Not run in the fleet summary; GET /repos/{s.Repo.Slug}/doi runs it.");
        if (facts is null || derived.Workplans is null)
            return Unavailable(DoiCriteria.C13, s);

        var problems = new List<string>();
        var orphans = derived.Workplans.Orphans;
        if (orphans.Count > 0)
            problems.Add($"the hub holds {Count(orphans.Count, "workstream or task", "workstreams or tasks")} that no workplan file lists any more: {List(orphans)}");
        var synced = s.Repo.LastStateSyncedAt;
        if (synced is null)
            problems.Add("the repo has never been synced");
        else if (DoiCriteria.SyncStale(synced, s.Now))
            problems.Add($"the last sync was at {Time(synced.Value)}, {Age(s.Now - synced.Value)} ago (it must be under {DoiCriteria.SyncMaxAge.TotalDays:0} days old)");

        if (problems.Count > 0)
            return Fail(DoiCriteria.C13, $"{Capitalise(string.Join("; ", problems))}. {Capitalise(facts.SyncCall(s.Repo.Slug))}: it cancels or archives orphaned work and records the sync.");
        return Pass(DoiCriteria.C13, $"No orphaned work in the hub; last sync at {Time(synced!.Value)}, {Age(s.Now - synced.Value)} ago.");
    }

    private static DoiCriterionResult InboxKeptUp(DoiSnapshot s)
    {
        var hub = s.Hub;
        if (hub.OldestUnreadInboxAt is not { } oldest)
            return Pass(DoiCriteria.C14, "No unread inbox message.");
        var age = s.Now - oldest;
        return DoiCriteria.InboxOverdue(oldest, s.Now)
            ? Fail(DoiCriteria.C14, $"{Count(hub.UnreadInboxCount, "unread inbox message")}, the oldest from {Time(oldest)} ({Age(age)} ago, over {DoiCriteria.InboxMaxUnreadAge.TotalDays:0} days). Have the repo's agent read them (GET /repos/{s.Repo.Slug}/inbox?unread=true), act on them, and mark each read with POST /inbox/{{id}}/read.")
            : Pass(DoiCriteria.C14, $"{Count(hub.UnreadInboxCount, "unread inbox message")}, the oldest {Age(age)} old (under {DoiCriteria.InboxMaxUnreadAge.TotalDays:0} days).");
    }

    private static DoiCriterionResult Unavailable(DoiCriterionDefinition criterion, DoiSnapshot s) =>
        Fail(criterion, $"No disk facts: the repo directory is not readable on host '{s.HostName}' ({Where(s)}) and its agent has pushed no facts report. {HowToProvideDiskFacts(s)}");

    private static string HowToProvideDiskFacts(DoiSnapshot s) =>
        $"Register the repo's path on this host with POST /repos/{s.Repo.Slug}/paths {{\"host\": \"{s.HostName}\", \"path\": \"<absolute path>\"}}, or have the repo's agent push its disk facts with PUT /repos/{s.Repo.Slug}/facts.";

    private static string Where(DoiSnapshot s) =>
        s.PathOnHost is { } path ? $"path '{path}'" : "no host_paths entry for this host and no local_path";

    private static DoiCriterionResult Pass(DoiCriterionDefinition c, string detail) => new(c.Id, c.Label, c.Tier, CriterionStatus.Pass, detail);

    private static DoiCriterionResult Fail(DoiCriterionDefinition c, string detail) => new(c.Id, c.Label, c.Tier, CriterionStatus.Fail, detail);

    private static DoiCriterionResult Skip(DoiCriterionDefinition c, string detail) => new(c.Id, c.Label, c.Tier, CriterionStatus.Skip, detail);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? Count((int)age.TotalDays, "day")
        : age.TotalHours >= 1 ? Count((int)age.TotalHours, "hour")
        : Count(Math.Max(0, (int)age.TotalMinutes), "minute");

    private static string Count(int n, string singular, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural ?? singular + "s");

    private static string List(IReadOnlyList<string> items) =>
        items.Count <= 10 ? string.Join("; ", items) : string.Join("; ", items.Take(10)) + $"; and {items.Count - 10} more";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The disk facts in one shape, whichever source they came from.</summary>
    private sealed class DiskFacts
    {
        private readonly HashSet<string> _paths;

        private DiskFacts(DoiDiskFactsSource source, IEnumerable<string> paths, string fromWhere)
        {
            Source = source;
            _paths = new HashSet<string>(paths, StringComparer.Ordinal);
            Paths = _paths.Order(StringComparer.Ordinal).ToList();
            FromWhere = fromWhere;
        }

        public DoiDiskFactsSource Source { get; }

        public IReadOnlyList<string> Paths { get; }

        /// <summary>Empty for the directory; names the facts report otherwise, so details say where facts came from.</summary>
        public string FromWhere { get; }

        public static DiskFacts? From(DoiSnapshot s) => s.DiskFactsSource switch
        {
            DoiDiskFactsSource.Directory => new DiskFacts(DoiDiskFactsSource.Directory, s.Disk!.Files.Select(f => f.Path), string.Empty),
            DoiDiskFactsSource.FactsReport => new DiskFacts(
                DoiDiskFactsSource.FactsReport,
                s.Report!.RootFiles.Select(NormaliseReportedPath),
                $" (per the facts report collected at {Time(s.Report.CollectedAt)})"),
            _ => null,
        };

        public bool HasFile(string path) => _paths.Contains(path);

        /// <summary>
        /// How to sync from where the facts came from: a sync reads the directory when the hub can,
        /// and otherwise needs the workplan files in its body (without them it answers 503).
        /// </summary>
        public string SyncCall(string slug) => Source == DoiDiskFactsSource.Directory
            ? $"run POST /repos/{slug}/sync (fix=true)"
            : $"run POST /repos/{slug}/sync (fix=true) with the workplan files in the body, {{\"files\": [{{\"path\": \"workplans/<name>.md\", \"content\": \"...\"}}]}}, since the hub cannot read the repo's directory";

        /// <summary>Agents may write "./README.md" or "workplans/"; compare them as "README.md" and "workplans".</summary>
        private static string NormaliseReportedPath(string path)
        {
            var p = path.Trim();
            while (p.StartsWith("./", StringComparison.Ordinal))
                p = p[2..];
            return p.TrimEnd('/');
        }
    }
}
