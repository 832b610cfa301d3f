using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Domain.UnitTests.Work;

public sealed class WorkstreamTests
{
    private static Workstream NewWorkstream() => Workstream.Create(Guid.NewGuid(), "CUST-WP-0033", "Interface Change Registry");

    [Test]
    public void Create_Defaults_IsActive()
    {
        var workstream = NewWorkstream();

        Assert.That(workstream.Status, Is.EqualTo(WorkstreamStatus.Active));
        Assert.That(workstream.IsActive, Is.True);
        Assert.That(workstream.SourcePath, Is.Null);
    }

    [TestCase(WorkstreamStatus.Paused)]
    [TestCase(WorkstreamStatus.Done)]
    [TestCase(WorkstreamStatus.Archived)]
    public void ChangeStatus_AwayFromActive_IsNoLongerActive(WorkstreamStatus status)
    {
        var workstream = NewWorkstream();

        workstream.ChangeStatus(status);

        Assert.That(workstream.Status, Is.EqualTo(status));
        Assert.That(workstream.IsActive, Is.False);
    }

    [Test]
    public void ChangeStatus_PausedBackToActive_IsActiveAgain()
    {
        var workstream = NewWorkstream();
        workstream.ChangeStatus(WorkstreamStatus.Paused);

        workstream.ChangeStatus(WorkstreamStatus.Active);

        Assert.That(workstream.IsActive, Is.True);
    }

    [Test]
    public void ChangeStatus_UndefinedStatus_ThrowsAndKeepsStatus()
    {
        var workstream = NewWorkstream();

        var ex = Assert.Throws<DomainValidationException>(() => workstream.ChangeStatus((WorkstreamStatus)7));

        Assert.That(ex!.Field, Is.EqualTo("status"));
        Assert.That(workstream.Status, Is.EqualTo(WorkstreamStatus.Active));
    }

    [Test]
    public void Create_UndefinedStatus_Throws() =>
        Assert.Throws<DomainValidationException>(() => Workstream.Create(Guid.NewGuid(), "WP-1", "One", (WorkstreamStatus)7));

    [Test]
    public void Rekey_Blank_ThrowsAndKeepsKey()
    {
        var workstream = NewWorkstream();

        var ex = Assert.Throws<DomainValidationException>(() => workstream.Rekey(""));

        Assert.That(ex!.Field, Is.EqualTo("key"));
        Assert.That(workstream.Key, Is.EqualTo("CUST-WP-0033"));
    }

    [Test]
    public void SetSourcePath_TooLong_Throws() =>
        Assert.Throws<DomainValidationException>(() => NewWorkstream().SetSourcePath(new string('a', Workstream.SourcePathMaxLength + 1)));

    [Test]
    public void AddTask_ValidTask_BelongsToTheWorkstream()
    {
        var ws = Workstream.Create(Guid.CreateVersion7(), "WP-1", "Plan", sourcePath: "workplans/plan.md");

        var task = ws.AddTask(" T1 ", "Write it", priority: 2, status: WorkTaskStatus.InProgress, needsHuman: true);

        Assert.That(ws.Tasks, Is.EqualTo(new[] { task }));
        Assert.That(task.WorkstreamId, Is.EqualTo(ws.Id));
        Assert.That(task.Key, Is.EqualTo("T1"));
        Assert.That(task.Priority, Is.EqualTo(2));
        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.InProgress));
        Assert.That(task.NeedsHuman, Is.True);
    }

    [Test]
    public void AddTask_EmptyTitle_IsRefusedAndNotAdded()
    {
        var ws = Workstream.Create(Guid.CreateVersion7(), "WP-1", "Plan");

        Assert.Throws<DomainValidationException>(() => ws.AddTask("T1", " "));
        Assert.That(ws.Tasks, Is.Empty);
    }
}
