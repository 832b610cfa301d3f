using StateHub.Application.Workplans;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Workplans;

public sealed class WorkplanConsistencyEngineTests
{
    private static readonly Guid RepoId = Guid.CreateVersion7();

    private readonly WorkplanConsistencyEngine _engine = new();

    private static WorkplanSource File(string path, string id, string title, string status, params string[] tasks) =>
        new(path, $"---\nid: {id}\ntitle: {title}\nstatus: {status}\ntasks:\n{string.Concat(tasks.Select(t => t + "\n"))}---\nNotes.\n");

    private static string Task(string id, string title, string status) => $"  - {{id: {id}, title: \"{title}\", status: {status}}}";

    private static Workstream Hub(string key, string title, WorkstreamStatus status, string? sourcePath, params (string Key, string Title, WorkTaskStatus Status)[] tasks)
    {
        var ws = Workstream.Create(RepoId, key, title, status, sourcePath);
        foreach (var t in tasks)
            ws.AddTask(t.Key, t.Title, status: t.Status);
        return ws;
    }

    private static WorkplanSource RegistryFile() =>
        File("workplans/registry.md", "WP-1", "Registry", "active", Task("T1", "Table", "done"), Task("T2", "Publish", "in_progress"));

    private static Workstream RegistryHub() =>
        Hub("WP-1", "Registry", WorkstreamStatus.Active, "workplans/registry.md", ("T1", "Table", WorkTaskStatus.Done), ("T2", "Publish", WorkTaskStatus.InProgress));

    [Test]
    public void Compare_FilesAndHubAgree_ReportsNoDrift()
    {
        var analysis = _engine.Analyse([RegistryFile()], [RegistryHub()]);

        Assert.That(analysis.Drift, Is.Empty);
        Assert.That(analysis.InSync, Is.True);
        Assert.That(analysis.Workplans.Single().Key, Is.EqualTo("WP-1"));
    }

    [Test]
    public void Compare_NoFilesAndHubOnlyWorkstreams_ReportsNoDrift()
    {
        var drift = _engine.Compare([], [Hub("API-1", "Made through the API", WorkstreamStatus.Active, null, ("T1", "x", WorkTaskStatus.Todo))]);

        Assert.That(drift, Is.Empty);
    }

    [Test]
    public void Compare_WorkstreamMissingInHub_ReportsItAndEachTask()
    {
        var drift = _engine.Compare([RegistryFile()], []);

        Assert.That(drift, Is.EqualTo(new[]
        {
            new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = "WP-1", FileValue = "active", Path = "workplans/registry.md" },
            new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = "WP-1", TaskKey = "T1", FileValue = "done", Path = "workplans/registry.md" },
            new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = "WP-1", TaskKey = "T2", FileValue = "in_progress", Path = "workplans/registry.md" },
        }));
    }

    [Test]
    public void Compare_TaskMissingInHub_ReportsTheTask()
    {
        var hub = Hub("WP-1", "Registry", WorkstreamStatus.Active, "workplans/registry.md", ("T1", "Table", WorkTaskStatus.Done));

        var drift = _engine.Compare([RegistryFile()], [hub]);

        Assert.That(drift, Is.EqualTo(new[]
        {
            new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = "WP-1", TaskKey = "T2", FileValue = "in_progress", Path = "workplans/registry.md" },
        }));
    }

    [Test]
    public void Compare_StatusDiffers_ReportsWorkstreamAndTaskMismatches()
    {
        var hub = Hub("WP-1", "Registry", WorkstreamStatus.Paused, "workplans/registry.md", ("T1", "Table", WorkTaskStatus.Todo), ("T2", "Publish", WorkTaskStatus.InProgress));

        var drift = _engine.Compare([RegistryFile()], [hub]);

        Assert.That(drift, Is.EqualTo(new[]
        {
            new DriftItem { Kind = DriftKind.StatusMismatch, WorkstreamKey = "WP-1", FileValue = "active", HubValue = "paused", Path = "workplans/registry.md" },
            new DriftItem { Kind = DriftKind.StatusMismatch, WorkstreamKey = "WP-1", TaskKey = "T1", FileValue = "done", HubValue = "todo", Path = "workplans/registry.md" },
        }));
    }

    [Test]
    public void Compare_TitleDiffers_ReportsWorkstreamAndTaskMismatches()
    {
        var hub = Hub("WP-1", "Old registry", WorkstreamStatus.Active, "workplans/registry.md", ("T1", "Table", WorkTaskStatus.Done), ("T2", "Publish it", WorkTaskStatus.InProgress));

        var drift = _engine.Compare([RegistryFile()], [hub]);

        Assert.That(drift, Is.EqualTo(new[]
        {
            new DriftItem { Kind = DriftKind.TitleMismatch, WorkstreamKey = "WP-1", FileValue = "Registry", HubValue = "Old registry", Path = "workplans/registry.md" },
            new DriftItem { Kind = DriftKind.TitleMismatch, WorkstreamKey = "WP-1", TaskKey = "T2", FileValue = "Publish", HubValue = "Publish it", Path = "workplans/registry.md" },
        }));
    }

    [Test]
    public void Compare_HubTaskNoLongerListed_ReportsOrphanTask()
    {
        var hub = RegistryHub();
        hub.AddTask("T9", "Dropped", status: WorkTaskStatus.Todo);

        var drift = _engine.Compare([RegistryFile()], [hub]);

        var orphan = drift.Single();
        Assert.That(orphan.Kind, Is.EqualTo(DriftKind.OrphanInHub));
        Assert.That(orphan.WorkstreamKey, Is.EqualTo("WP-1"));
        Assert.That(orphan.TaskKey, Is.EqualTo("T9"));
        Assert.That(orphan.HubValue, Is.EqualTo("todo"));
        Assert.That(orphan.Path, Is.EqualTo("workplans/registry.md"));
    }

    [Test]
    public void Compare_CancelledHubTaskNoLongerListed_IsNotAnOrphan()
    {
        var hub = RegistryHub();
        hub.AddTask("T9", "Dropped", status: WorkTaskStatus.Cancelled);

        Assert.That(_engine.Compare([RegistryFile()], [hub]), Is.Empty);
    }

    [Test]
    public void Compare_TasksOfAnApiWorkstreamWhoseKeyAFileDeclares_AreCompared()
    {
        var hub = Hub("WP-1", "Registry", WorkstreamStatus.Active, null, ("T1", "Table", WorkTaskStatus.Done), ("T2", "Publish", WorkTaskStatus.InProgress), ("T3", "Extra", WorkTaskStatus.Blocked));

        var drift = _engine.Compare([RegistryFile()], [hub]);

        Assert.That(drift.Select(d => (d.Kind, d.TaskKey)), Is.EqualTo(new[] { (DriftKind.OrphanInHub, (string?)"T3") }));
    }

    [Test]
    public void Compare_WorkstreamWhoseFileIsGone_ReportsOrphanWorkstream()
    {
        var gone = Hub("WP-2", "Gone", WorkstreamStatus.Active, "workplans/gone.md", ("T1", "x", WorkTaskStatus.Todo));

        var drift = _engine.Compare([RegistryFile()], [RegistryHub(), gone]);

        var orphan = drift.Single();
        Assert.That(orphan.Kind, Is.EqualTo(DriftKind.OrphanInHub));
        Assert.That(orphan.WorkstreamKey, Is.EqualTo("WP-2"));
        Assert.That(orphan.TaskKey, Is.Null);
        Assert.That(orphan.HubValue, Is.EqualTo("active"));
        Assert.That(orphan.Path, Is.EqualTo("workplans/gone.md"));
        Assert.That(orphan.Reason, Does.Contain("gone"));
    }

    [Test]
    public void Compare_WorkstreamWhoseFileNowDeclaresAnotherId_ReportsOrphanAndMissing()
    {
        var renamed = File("workplans/registry.md", "WP-1B", "Registry", "active");
        var hub = Hub("WP-1", "Registry", WorkstreamStatus.Active, "workplans/registry.md");

        var drift = _engine.Compare([renamed], [hub]);

        Assert.That(drift.Select(d => (d.Kind, d.WorkstreamKey)), Is.EqualTo(new[]
        {
            (DriftKind.MissingInHub, (string?)"WP-1B"),
            (DriftKind.OrphanInHub, (string?)"WP-1"),
        }));
        Assert.That(drift[1].Reason, Does.Contain("no longer declares"));
    }

    [Test]
    public void Compare_ApiWorkstreamOrArchivedOrphan_IsNotReported()
    {
        var api = Hub("API-1", "From the API", WorkstreamStatus.Active, null);
        var archived = Hub("WP-OLD", "Archived", WorkstreamStatus.Archived, "workplans/old.md", ("T1", "x", WorkTaskStatus.Todo));

        Assert.That(_engine.Compare([RegistryFile()], [RegistryHub(), api, archived]), Is.Empty);
    }

    [Test]
    public void Compare_InvalidFile_IsReportedAndOtherFilesStillCompared()
    {
        var broken = new WorkplanSource("workplans/a-broken.md", "---\nid: WP-9\ntitle: [\n---\n");

        var drift = _engine.Compare([RegistryFile(), broken], []);

        Assert.That(drift[0].Kind, Is.EqualTo(DriftKind.InvalidFile));
        Assert.That(drift[0].Path, Is.EqualTo("workplans/a-broken.md"));
        Assert.That(drift[0].Line, Is.Not.Null);
        Assert.That(drift.Skip(1).Select(d => d.Kind), Is.All.EqualTo(DriftKind.MissingInHub));
        Assert.That(drift.Skip(1).Count(), Is.EqualTo(3));
    }

    [Test]
    public void Compare_InvalidFile_ShieldsItsWorkstreamFromOrphanDetection()
    {
        var brokenSamePath = new WorkplanSource("workplans/registry.md", "not front matter");
        var brokenSameKey = new WorkplanSource("workplans/moved.md", "---\nid: WP-2\ntitle: Moved\nstatus: bogus\n---\n");
        var hubByPath = RegistryHub();
        hubByPath.AddTask("T9", "Would be an orphan", status: WorkTaskStatus.Todo);
        var hubByKey = Hub("WP-2", "Moved", WorkstreamStatus.Active, "workplans/elsewhere.md");

        var drift = _engine.Compare([brokenSamePath, brokenSameKey], [hubByPath, hubByKey]);

        Assert.That(drift.Select(d => d.Kind), Is.All.EqualTo(DriftKind.InvalidFile));
        Assert.That(drift.Select(d => d.Path), Is.EquivalentTo(new[] { "workplans/registry.md", "workplans/moved.md" }));
        Assert.That(drift.Single(d => d.Path == "workplans/moved.md").WorkstreamKey, Is.EqualTo("WP-2"));
    }

    [Test]
    public void Compare_UnreadableFileFromDisk_IsReportedInPathOrderAndShieldsItsWorkstream()
    {
        var refused = DriftItem.Invalid("workplans/registry.md", null, "the file is over the limit");
        var other = File("workplans/zeta.md", "WP-Z", "Zeta", "active");
        var sources = new WorkplanSourceSet([other], [refused]);

        var drift = _engine.Compare(sources, [RegistryHub()]);

        Assert.That(drift.Select(d => (d.Kind, d.Path)), Is.EqualTo(new[]
        {
            (DriftKind.InvalidFile, (string?)"workplans/registry.md"),
            (DriftKind.MissingInHub, (string?)"workplans/zeta.md"),
        }));
        Assert.That(drift[0].Reason, Is.EqualTo("the file is over the limit"));
    }

    [Test]
    public void Compare_WorkstreamIdDeclaredInTwoFiles_ReportsBothAndGuessesNothing()
    {
        var first = File("workplans/a.md", "WP-1", "Registry", "active");
        var second = File("workplans/b.md", "WP-1", "Registry copy", "done");
        var hub = Hub("WP-1", "Registry", WorkstreamStatus.Paused, "workplans/a.md");

        var analysis = _engine.Analyse([second, first], [hub]);

        Assert.That(analysis.Workplans, Is.Empty);
        Assert.That(analysis.Drift, Has.Count.EqualTo(2));
        Assert.That(analysis.Drift.Select(d => d.Kind), Is.All.EqualTo(DriftKind.InvalidFile));
        Assert.That(analysis.Drift.Select(d => d.Path), Is.EqualTo(new[] { "workplans/a.md", "workplans/b.md" }));
        Assert.That(analysis.Drift[0].Reason, Does.Contain("also declared in workplans/b.md"));
        Assert.That(analysis.Drift[1].Reason, Does.Contain("also declared in workplans/a.md"));
        Assert.That(analysis.Drift.Select(d => d.WorkstreamKey), Is.All.EqualTo("WP-1"));
        Assert.That(analysis.Drift.Select(d => d.Line), Is.All.EqualTo(2), "the line of the id");
    }

    [Test]
    public void Compare_SamePathTwice_ReportsTheRepeat()
    {
        var drift = _engine.Compare([RegistryFile(), RegistryFile()], [RegistryHub()]);

        var item = drift.Single();
        Assert.That(item.Kind, Is.EqualTo(DriftKind.InvalidFile));
        Assert.That(item.Reason, Does.Contain("more than once"));
    }

    [Test]
    public void Compare_InputOrder_DoesNotChangeTheReport()
    {
        var a = File("workplans/a.md", "WP-A", "A", "active", Task("T1", "x", "todo"));
        var b = File("workplans/b.md", "WP-B", "B", "done");
        var orphan1 = Hub("WP-Y", "Y", WorkstreamStatus.Active, "workplans/y.md");
        var orphan2 = Hub("WP-X", "X", WorkstreamStatus.Active, "workplans/x.md");

        var one = _engine.Compare([a, b], [orphan1, orphan2]);
        var other = _engine.Compare([b, a], [orphan2, orphan1]);

        Assert.That(one, Is.EqualTo(other));
        Assert.That(one.Select(d => d.WorkstreamKey), Is.EqualTo(new[] { "WP-A", "WP-A", "WP-B", "WP-X", "WP-Y" }));
    }

    [Test]
    public void Compare_ReadmeWithoutFrontMatter_IsSkippedNotReported()
    {
        var readme = new WorkplanSource("workplans/README.md", "# Workplans\n\nOne file per workstream.\n");

        var analysis = _engine.Analyse([RegistryFile(), readme], [RegistryHub()]);

        Assert.That(analysis.Drift, Is.Empty);
    }

    [Test]
    public void Compare_ReadmeWithBrokenFrontMatter_IsStillReported()
    {
        var readme = new WorkplanSource("workplans/readme.md", "---\nid: [unclosed\n---\n");

        var analysis = _engine.Analyse([readme], []);

        Assert.That(analysis.Drift.Single().Kind, Is.EqualTo(DriftKind.InvalidFile));
    }
}
