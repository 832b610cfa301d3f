using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Domain.UnitTests.Work;

public sealed class WorkstreamTests
{
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
