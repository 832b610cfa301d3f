using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Workplans;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Workplans;

public sealed class WorkplanFixerTests
{
    private static readonly Guid RepoId = Guid.CreateVersion7();

    private readonly WorkplanConsistencyEngine _engine = new();
    private readonly Mock<IWorkstreamRepository> _store = new();

    private static WorkplanSource Plan(string tasks, string status = "active", string title = "Registry", string path = "workplans/registry.md") =>
        new(path, $"---\nid: WP-1\ntitle: {title}\nstatus: {status}\ntasks:\n{tasks}---\n");

    private IReadOnlyList<WorkplanChange> Fix(IReadOnlyList<WorkplanSource> files, IReadOnlyList<Workstream> hub) =>
        WorkplanFixer.Apply(RepoId, _engine.Analyse(files, hub), hub, _store.Object);

    [Test]
    public void Apply_MissingWorkstream_CreatesItWithItsTasksAndSourcePath()
    {
        Workstream? added = null;
        _store.Setup(s => s.Add(It.IsAny<Workstream>())).Callback<Workstream>(w => added = w);

        var changes = Fix([Plan("  - {id: T1, title: One, status: done, priority: 1, needs_human: true}\n  - {id: T2, title: Two, status: todo}\n")], []);

        Assert.That(changes.Select(c => (c.Action, c.TaskKey)), Is.EqualTo(new[]
        {
            (WorkplanChangeAction.CreatedWorkstream, (string?)null),
            (WorkplanChangeAction.CreatedTask, (string?)"T1"),
            (WorkplanChangeAction.CreatedTask, (string?)"T2"),
        }));
        Assert.That(added, Is.Not.Null);
        Assert.That(added!.RepoId, Is.EqualTo(RepoId));
        Assert.That(added.SourcePath, Is.EqualTo("workplans/registry.md"));
        var tasks = added.Tasks.ToList();
        Assert.That(tasks.Select(t => (t.Key, t.Status, t.Priority, t.NeedsHuman)), Is.EqualTo(new[]
        {
            ("T1", WorkTaskStatus.Done, 1, true),
            ("T2", WorkTaskStatus.Todo, WorkTask.DefaultPriority, false),
        }));
    }

    [Test]
    public void Apply_ExistingWorkstream_AlignsFieldsAddsTasksAndCancelsOrphans()
    {
        var hub = Workstream.Create(RepoId, "WP-1", "Old", WorkstreamStatus.Paused, sourcePath: null);
        var kept = hub.AddTask("T1", "One", priority: 5, status: WorkTaskStatus.Todo);
        var orphan = hub.AddTask("T9", "Gone", status: WorkTaskStatus.Done);

        var changes = Fix([Plan("  - {id: T1, title: One!, status: blocked, priority: 2, needs_human: true}\n  - {id: T2, title: Two, status: todo}\n")], [hub]);

        Assert.That(changes.Select(c => (c.Action, c.TaskKey, c.Field)), Is.EqualTo(new[]
        {
            (WorkplanChangeAction.UpdatedWorkstream, (string?)null, (string?)"source_path"),
            (WorkplanChangeAction.UpdatedWorkstream, null, "status"),
            (WorkplanChangeAction.UpdatedWorkstream, null, "title"),
            (WorkplanChangeAction.UpdatedTask, "T1", "status"),
            (WorkplanChangeAction.UpdatedTask, "T1", "title"),
            (WorkplanChangeAction.UpdatedTask, "T1", "priority"),
            (WorkplanChangeAction.UpdatedTask, "T1", "needs_human"),
            (WorkplanChangeAction.CreatedTask, "T2", null),
            (WorkplanChangeAction.CancelledTask, "T9", "status"),
        }));
        Assert.That(hub.SourcePath, Is.EqualTo("workplans/registry.md"));
        Assert.That(hub.Status, Is.EqualTo(WorkstreamStatus.Active));
        Assert.That(hub.Title, Is.EqualTo("Registry"));
        Assert.That((kept.Status, kept.Title, kept.Priority, kept.NeedsHuman), Is.EqualTo((WorkTaskStatus.Blocked, "One!", 2, true)));
        Assert.That(orphan.Status, Is.EqualTo(WorkTaskStatus.Cancelled));
        Assert.That(hub.Tasks.Where(t => t.Key == "T2").Select(t => t.WorkstreamId), Is.EqualTo(new[] { hub.Id }), "the new task joins its workstream (the aggregate persists it)");
        _store.Verify(s => s.Add(It.IsAny<Workstream>()), Times.Never);
        Assert.That(_engine.Compare([Plan("  - {id: T1, title: One!, status: blocked, priority: 2, needs_human: true}\n  - {id: T2, title: Two, status: todo}\n")], [hub]), Is.Empty, "after the fix the files and the hub agree");
    }

    [Test]
    public void Apply_PriorityAndNeedsHumanLeftOutOfTheFile_KeepTheHubValues()
    {
        var hub = Workstream.Create(RepoId, "WP-1", "Registry", WorkstreamStatus.Active, "workplans/registry.md");
        var task = hub.AddTask("T1", "One", priority: 7, needsHuman: true);

        var changes = Fix([Plan("  - {id: T1, title: One, status: todo}\n")], [hub]);

        Assert.That(changes, Is.Empty);
        Assert.That((task.Priority, task.NeedsHuman), Is.EqualTo((7, true)));
    }

    [Test]
    public void Apply_OrphanWorkstream_IsArchivedWithItsTasksUntouched()
    {
        var gone = Workstream.Create(RepoId, "WP-2", "Gone", WorkstreamStatus.Active, "workplans/gone.md");
        var task = gone.AddTask("T1", "Open", status: WorkTaskStatus.InProgress);

        var changes = Fix([], [gone]);

        var change = changes.Single();
        Assert.That(change.Action, Is.EqualTo(WorkplanChangeAction.ArchivedWorkstream));
        Assert.That((change.OldValue, change.NewValue, change.Path), Is.EqualTo(("active", "archived", "workplans/gone.md")));
        Assert.That(gone.Status, Is.EqualTo(WorkstreamStatus.Archived));
        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.InProgress));
    }

    [Test]
    public void Apply_InvalidOrContestedFiles_ChangeNothing()
    {
        var hub = Workstream.Create(RepoId, "WP-1", "Registry", WorkstreamStatus.Active, "workplans/registry.md");
        hub.AddTask("T1", "One");
        var broken = new WorkplanSource("workplans/registry.md", "---\nid: WP-1\ntitle: Registry\nstatus: finished\n---\n");
        var twinA = Plan(string.Empty, path: "workplans/a.md", status: "done");
        var twinB = Plan(string.Empty, path: "workplans/b.md", status: "done");

        Assert.That(Fix([broken], [hub]), Is.Empty);
        Assert.That(Fix([twinA, twinB], [hub]), Is.Empty);
        Assert.That(hub.Status, Is.EqualTo(WorkstreamStatus.Active));
        _store.VerifyNoOtherCalls();
    }
}
