using StateHub.Client;

namespace StateHub.WebApi.FunctionalTests.ClientDriven;

/// <summary>
/// An agent's day, told only through the generated client: what an agent in a fresh session
/// does, in order. Each endpoint family extends this story as it lands (goals, workstreams and
/// tasks, dispatch, interface changes and the inbox, DoI, workplan sync), so the client keeps
/// being proven on the whole journey rather than on isolated calls.
/// </summary>
public sealed class AgentDayTests : ClientTestBase
{
    [Test]
    public async Task AgentDay_RegisterDomainAndRepo_FindItFromACheckoutAndKeepItCurrent()
    {
        // A maintainer sets the fleet up.
        var domain = await CreatePlatformDomainAsync();
        var registered = await RegisterRepoViaClientAsync("repo-registry", "git@example.com:org/repo-registry.git", Fingerprint);

        // An agent starts a session in a checkout: it knows only the root commit and the remote.
        var candidates = await Api.Repos.FindByFingerprintAsync(Fingerprint, "git@example.com:org/repo-registry.git");
        Assert.That(candidates.Select(r => r.Slug), Is.EqualTo(new[] { "repo-registry" }));
        var repo = candidates[0];
        Assert.That(repo.Id, Is.EqualTo(registered.Id));
        Assert.That(repo.DomainId, Is.EqualTo(domain.Id));

        // It records where the checkout lives on its host, and the SBOM it just produced.
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await Api.Repos.RegisterHostPathAsync(repo.Slug, new RegisterHostPathRequest { Host = "agent-host", Path = "/work/repo-registry" });
        var sbomAt = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var updated = await Api.Repos.UpdateAsync(repo.Slug, new UpdateRepoRequest { LastSbomAt = sbomAt });

        Assert.That(updated.HostPaths, Is.EqualTo(new Dictionary<string, string> { ["agent-host"] = "/work/repo-registry" }));
        Assert.That(updated.LastSbomAt, Is.EqualTo(sbomAt));
        Assert.That(updated.Name, Is.EqualTo("repo-registry"), "a PATCH through the client changes only what was set");
        Assert.That(updated.UpdatedAt, Is.GreaterThan(registered.UpdatedAt));

        // The next session finds the same repo by id, as its notes remember it.
        var again = await Api.Repos.GetByIdAsync(repo.Id);
        Assert.That(again.HostPaths["agent-host"], Is.EqualTo("/work/repo-registry"));
    }

    private const string DunningPlanPath = "workplans/dunning.md";

    private const string DunningPlan = """
        ---
        id: BILL-WP-2
        title: Dunning letters
        status: active
        tasks:
          - id: T01
            title: Draft the reminder template
            status: in_progress
            priority: 1
          - id: T02
            title: Approve the reminder wording
            status: todo
            needs_human: true
        ---
        Reminders for unpaid invoices.
        """;

    [Test]
    public async Task AgentDay_PlanCoordinateSyncAndCheckIntegration_EveryStepThroughTheClient()
    {
        // A maintainer sets the fleet up: the agent's repo and a repo whose API it uses.
        await CreatePlatformDomainAsync();
        await RegisterRepoViaClientAsync("billing", "git@example.com:org/billing.git", Fingerprint);
        await RegisterRepoViaClientAsync("identity", "git@example.com:org/identity.git");

        // The agent plans its work: a goal, a workstream and its tasks, one of which needs a human.
        var goal = await Api.Goals.CreateAsync("billing", new CreateGoalRequest { Title = "Invoices go out on time", Priority = 1 });
        await Api.Goals.CreateAsync("billing", new CreateGoalRequest { Title = "Multi-currency", Priority = 2 });
        var workstream = await Api.Workstreams.CreateAsync("billing", new CreateWorkstreamRequest { Key = "BILL-1", Title = "Invoice run" });
        var schemaTask = await Api.Tasks.CreateAsync(workstream.Id, new CreateTaskRequest { Key = "T01", Title = "Invoice schema", Priority = 1 });
        await Api.Tasks.CreateAsync(workstream.Id, new CreateTaskRequest { Key = "T02", Title = "Send the invoices", Priority = 2 });
        var keyTask = await Api.Tasks.CreateAsync(workstream.Id, new CreateTaskRequest { Key = "T03", Title = "Provision the mail API key", Priority = 2, NeedsHuman = true });

        Assert.That(goal.Status, Is.EqualTo(GoalStatus.Active));
        Assert.That(workstream.Status, Is.EqualTo(WorkstreamStatus.Active));
        Assert.That(workstream.SourcePath, Is.Null);
        Assert.That((keyTask.Status, keyTask.NeedsHuman, keyTask.WorkstreamId), Is.EqualTo((WorkTaskStatus.Todo, true, workstream.Id)));
        Assert.That((await Api.Tasks.ListAsync(workstream.Id)).Select(t => t.Key), Is.EquivalentTo(new[] { "T01", "T02", "T03" }));

        // Dispatch tells it what to do first.
        var dispatch = await Api.Repos.GetDispatchAsync("billing");
        Assert.That(dispatch.RepoSlug, Is.EqualTo("billing"));
        Assert.That(dispatch.ActiveGoal!.Id, Is.EqualTo(goal.Id));
        Assert.That(dispatch.ActiveGoal.Priority, Is.EqualTo(1));
        Assert.That(dispatch.ActiveWorkstreams.Select(w => w.Key), Is.EqualTo(new[] { "BILL-1" }));
        Assert.That(dispatch.ActiveWorkstreams[0].PendingTasks.Select(t => t.Key), Is.EqualTo(new[] { "T01", "T02", "T03" }));
        Assert.That(dispatch.HumanInterventions.Select(t => (t.Key, t.NeedsHuman)), Is.EqualTo(new[] { ("T03", true) }));
        Assert.That(dispatch.PendingInterfaceChanges, Is.Empty);
        Assert.That(dispatch.UnreadInboxCount, Is.Zero);
        Assert.That(dispatch.LastStateSyncedAt, Is.Null);

        // It finishes the first task; a PATCH sets the status only.
        var done = await Api.Tasks.UpdateAsync(schemaTask.Id, new UpdateTaskRequest { Status = WorkTaskStatus.Done });
        Assert.That((done.Status, done.Title, done.Priority), Is.EqualTo((WorkTaskStatus.Done, "Invoice schema", 1)));
        dispatch = await Api.Repos.GetDispatchAsync("billing");
        Assert.That(dispatch.ActiveWorkstreams[0].PendingTasks.Select(t => t.Key), Is.EqualTo(new[] { "T02", "T03" }));

        // The identity repo drafts a breaking change to an API billing uses; a draft notifies nobody.
        var plannedFor = new DateOnly(2026, 12, 1);
        var change = await Api.InterfaceChanges.RegisterAsync(new RegisterInterfaceChangeRequest
        {
            OriginRepoSlug = "identity",
            Title = "Tokens carry the tenant",
            Description = "Read the tenant from the token, not from the header.",
            ChangeType = ChangeType.Breaking,
            InterfaceType = InterfaceType.HttpApi,
            AffectedRepoSlugs = ["billing"],
            AffectedPaths = ["/tokens"],
            PlannedFor = plannedFor,
        });
        Assert.That((change.Status, change.PlannedFor, change.PublishedAt), Is.EqualTo((InterfaceChangeStatus.Draft, (DateOnly?)plannedFor, (DateTimeOffset?)null)));
        Assert.That((await Api.Repos.GetDispatchAsync("billing")).PendingInterfaceChanges, Is.Empty);

        // Publishing notifies billing, once: a second publish is a conflict with a detail.
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var published = await Api.InterfaceChanges.PublishAsync(change.Id);
        Assert.That((published.Status, published.PublishedAt), Is.EqualTo((InterfaceChangeStatus.Published, (DateTimeOffset?)Factory.Clock.GetUtcNow())));
        var conflict = await AssertProblemAsync(() => Api.InterfaceChanges.PublishAsync(change.Id), 409);
        Assert.That(conflict.Detail, Is.EqualTo("Only a draft can be published; this change is published."));

        dispatch = await Api.Repos.GetDispatchAsync("billing");
        var pending = dispatch.PendingInterfaceChanges.Single();
        Assert.That((pending.Id, pending.Title, pending.OriginRepoSlug), Is.EqualTo((change.Id, "Tokens carry the tenant", "identity")));
        Assert.That((pending.ChangeType, pending.InterfaceType, pending.PlannedFor), Is.EqualTo((ChangeType.Breaking, InterfaceType.HttpApi, (DateOnly?)plannedFor)));
        Assert.That(pending.AffectedPaths, Is.EqualTo(new[] { "/tokens" }));
        Assert.That(dispatch.UnreadInboxCount, Is.EqualTo(1));

        // The agent reads its inbox and marks the message read; the change stays pending until resolved.
        var message = (await Api.Inbox.ListAsync("billing", unread: true)).Single();
        Assert.That((message.Kind, message.InterfaceChangeId, message.ReadAt), Is.EqualTo(("interface_change_published", (Guid?)change.Id, (DateTimeOffset?)null)));
        Assert.That(message.Subject, Is.EqualTo("breaking http_api change published: Tokens carry the tenant"));
        var read = await Api.Inbox.MarkMessageReadAsync(message.Id);
        Assert.That(read.ReadAt, Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(await Api.Inbox.ListAsync("billing", unread: true), Is.Empty);
        dispatch = await Api.Repos.GetDispatchAsync("billing");
        Assert.That((dispatch.UnreadInboxCount, dispatch.PendingInterfaceChanges.Count), Is.EqualTo((0, 1)));

        // Billing migrates (resolve is refused while a consumer is pending), then the origin
        // resolves the change: billing's dispatch drops it and its inbox gets the resolution.
        var acknowledged = await Api.InterfaceChanges.AcknowledgeAsync(change.Id, "billing", new AcknowledgeInterfaceChangeRequest { Status = ConsumerStatus.Migrated, Note = "reads the tenant claim" });
        Assert.That(acknowledged.Status, Is.EqualTo(InterfaceChangeStatus.Published));
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var resolved = await Api.InterfaceChanges.ResolveAsync(change.Id, command: new ResolveInterfaceChangeRequest { ResolutionNote = "billing reads the tenant claim" });
        Assert.That((resolved.Status, resolved.ResolvedAt, resolved.ResolutionNote), Is.EqualTo((InterfaceChangeStatus.Resolved, (DateTimeOffset?)Factory.Clock.GetUtcNow(), "billing reads the tenant claim")));
        dispatch = await Api.Repos.GetDispatchAsync("billing");
        Assert.That(dispatch.PendingInterfaceChanges, Is.Empty);
        Assert.That(dispatch.UnreadInboxCount, Is.EqualTo(1));
        var resolvedForBilling = await Api.InterfaceChanges.ListAsync(status: InterfaceChangeStatus.Resolved, affected: "billing");
        Assert.That(resolvedForBilling.Select(c => c.Id), Is.EqualTo(new[] { change.Id }));
        var originTimeline = await Api.ProgressEvents.ListAsync("identity");
        Assert.That(originTimeline.Select(e => e.Kind), Is.EquivalentTo(new[] { "interface_change_published", "interface_change_resolved" }));

        // The agent logs its progress, with structured data, and reads its timeline back.
        var logged = await Api.ProgressEvents.LogAsync("billing", new LogProgressEventRequest
        {
            Kind = "task_done",
            Summary = "Invoice schema merged",
            Data = new Dictionary<string, object> { ["task_key"] = "T01", ["pull_request"] = 42 },
        });
        var timeline = await Api.ProgressEvents.ListAsync("billing", limit: 10);
        var entry = timeline.Single();
        Assert.That((entry.Id, entry.Kind, entry.Summary), Is.EqualTo((logged.Id, "task_done", "Invoice schema merged")));
        Assert.That(entry.Data.Keys, Is.EquivalentTo(new[] { "task_key", "pull_request" }));
        Assert.That(entry.Data["task_key"].ToString(), Is.EqualTo("T01"));
        Assert.That(entry.Data["pull_request"].ToString(), Is.EqualTo("42"));

        // It pushes its workplan files: a check shows the drift, a fix removes it, the next check is clean.
        var files = new SyncRepoRequest { Files = [new WorkplanFileInput { Path = DunningPlanPath, Content = DunningPlan }] };
        var check = await Api.Repos.SyncAsync("billing", fix: false, command: files);
        Assert.That((check.InSync, check.Fix, check.Source, check.FilesChecked), Is.EqualTo((false, false, WorkplanSourceKind.Body, 1)));
        Assert.That(check.Drift.Select(d => d.Kind), Is.All.EqualTo(DriftKind.MissingInHub));
        Assert.That(check.Drift.Select(d => d.WorkstreamKey), Does.Contain("BILL-WP-2").And.Not.Contain("BILL-1"), "a workstream made through the API is no orphan");
        Assert.That(check.Changes, Is.Empty);
        Assert.That(check.LastStateSyncedAt, Is.Null);

        var fixedReport = await Api.Repos.SyncAsync("billing", fix: true, command: files);
        Assert.That(fixedReport.Fix, Is.True);
        Assert.That(
            fixedReport.Changes.Select(c => (c.Action, c.WorkstreamKey, c.TaskKey)),
            Is.EquivalentTo(new[]
            {
                (WorkplanChangeAction.CreatedWorkstream, "BILL-WP-2", (string?)null),
                (WorkplanChangeAction.CreatedTask, "BILL-WP-2", "T01"),
                (WorkplanChangeAction.CreatedTask, "BILL-WP-2", "T02"),
            }));
        Assert.That(fixedReport.LastStateSyncedAt, Is.EqualTo(Factory.Clock.GetUtcNow()));

        var recheck = await Api.Repos.SyncAsync("billing", fix: false, command: files);
        Assert.That((recheck.InSync, recheck.Drift.Count, recheck.Changes.Count), Is.EqualTo((true, 0, 0)));
        dispatch = await Api.Repos.GetDispatchAsync("billing");
        Assert.That(dispatch.ActiveWorkstreams.Select(w => w.Key), Is.EqualTo(new[] { "BILL-1", "BILL-WP-2" }));
        Assert.That(dispatch.HumanInterventions.Select(t => t.Key), Is.EqualTo(new[] { "T03", "T02" }), "the synced plan's human task, priority 3, comes after T03, priority 2");
        Assert.That(dispatch.LastStateSyncedAt, Is.EqualTo(Factory.Clock.GetUtcNow()));

        // The hub cannot read billing's checkout: DoI finds no disk facts and says what blocks the first tier.
        await Api.Repos.UpdateAsync("billing", new UpdateRepoRequest { LastSbomAt = Factory.Clock.GetUtcNow() });
        await Api.TpscSnapshots.CreateAsync("billing", new CreateTpscSnapshotRequest
        {
            Components = [new TpscComponentDto { Name = "Npgsql", Version = "10.0.0", Ecosystem = "nuget", License = "PostgreSQL" }],
        });
        var blind = await Api.Repos.GetDoiAsync("billing");
        Assert.That((blind.DiskFactsSource, blind.Tier, blind.CorePass, blind.NextTier), Is.EqualTo((DoiDiskFactsSource.None, DoiTier.None, false, (DoiTier?)DoiTier.Core)));
        Assert.That(blind.NextTierBlockers, Is.EqualTo(new[] { "C4", "C5" }));
        Assert.That(blind.Criteria.Single(c => c.Id == "C4").Detail, Does.Contain("PUT /repos/billing/facts"));

        // So the agent pushes the facts of its checkout, and the repo reaches the full tier.
        var facts = await Api.Repos.ReportFactsAsync("billing", new ReportRepoFactsRequest
        {
            RootFiles = ["AGENTS.md", "README.md", "workplans", ".ci/run"],
            WorkplanFiles = [new ReportedWorkplanFile { Path = DunningPlanPath, Content = DunningPlan }],
            RootCommit = Fingerprint,
            CollectedAt = Factory.Clock.GetUtcNow(),
        });
        Assert.That((facts.RepoSlug, facts.RootCommit, facts.WorkplanFiles.Single().Path), Is.EqualTo(("billing", Fingerprint, DunningPlanPath)));

        var doi = await Api.Repos.GetDoiAsync("billing");
        Assert.That((doi.DiskFactsSource, doi.Cached), Is.EqualTo((DoiDiskFactsSource.FactsReport, false)));
        Assert.That(doi.Criteria.Where(c => c.Status != CriterionStatus.Pass).Select(c => $"{c.Id}: {c.Detail}"), Is.Empty);
        Assert.That(doi.Criteria.Select(c => c.Id), Is.EqualTo(Enumerable.Range(1, 14).Select(i => $"C{i}")));
        Assert.That(doi.Criteria.Select(c => c.Tier).Distinct(), Is.EqualTo(new[] { DoiTier.Core, DoiTier.Standard, DoiTier.Full }));
        Assert.That((doi.Tier, doi.CorePass, doi.StandardPass, doi.FullPass, doi.NextTier), Is.EqualTo((DoiTier.Full, true, true, true, (DoiTier?)null)));
        Assert.That(doi.NextTierBlockers, Is.Empty);
        Assert.That((await Api.Repos.GetDoiAsync("billing")).Cached, Is.True, "unchanged inputs are served from the cache");
        Assert.That((await Api.Repos.GetDoiAsync("billing", forceRefresh: true)).Cached, Is.False);

        // The fleet summary puts the worst repo first.
        var fleet = await Api.Repos.GetDoiSummaryAsync();
        Assert.That(fleet.Select(e => (e.RepoSlug, e.Tier)), Is.EqualTo(new[] { ("identity", DoiTier.None), ("billing", DoiTier.Full) }));
        var billing = fleet[1];
        Assert.That((billing.DomainSlug, billing.CorePass, billing.StandardPass, billing.FullPass, billing.FullEvaluation), Is.EqualTo(("platform", true, true, true, true)));
        Assert.That(billing.NextTierBlockers, Is.Empty);
        Assert.That(fleet[0].NextTierBlockers, Does.Contain("C3").And.Contain("C4"));
    }
}
