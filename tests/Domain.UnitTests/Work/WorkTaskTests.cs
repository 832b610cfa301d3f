using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Domain.UnitTests.Work;

public sealed class WorkTaskTests
{
    private static WorkTask NewTask() => WorkTask.Create(Guid.NewGuid(), "T01", "First");

    [Test]
    public void Create_Defaults_AreTodoPriorityThreeNoHuman()
    {
        var task = NewTask();

        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.Todo));
        Assert.That(task.Priority, Is.EqualTo(WorkTask.DefaultPriority));
        Assert.That(task.NeedsHuman, Is.False);
    }

    [Test]
    public void Create_UndefinedStatus_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => WorkTask.Create(Guid.NewGuid(), "T01", "First", status: (WorkTaskStatus)42));

        Assert.That(ex!.Field, Is.EqualTo("status"));
    }

    [TestCase(WorkTaskStatus.Todo, true)]
    [TestCase(WorkTaskStatus.InProgress, true)]
    [TestCase(WorkTaskStatus.Blocked, false)]
    [TestCase(WorkTaskStatus.Done, false)]
    [TestCase(WorkTaskStatus.Cancelled, false)]
    public void ChangeStatus_AnyDefinedStatus_IsTakenAndDecidesPending(WorkTaskStatus status, bool pending)
    {
        var task = NewTask();

        task.ChangeStatus(status);

        Assert.That(task.Status, Is.EqualTo(status));
        Assert.That(task.IsPending, Is.EqualTo(pending));
    }

    [Test]
    public void ChangeStatus_DoneTaskReopened_IsAllowedBecauseWorkplanFilesAreTheTruth()
    {
        var task = NewTask();
        task.ChangeStatus(WorkTaskStatus.Done);

        task.ChangeStatus(WorkTaskStatus.Todo);

        Assert.That(task.IsPending, Is.True);
    }

    [Test]
    public void ChangeStatus_UndefinedStatus_ThrowsAndKeepsStatus()
    {
        var task = NewTask();
        task.ChangeStatus(WorkTaskStatus.InProgress);

        var ex = Assert.Throws<DomainValidationException>(() => task.ChangeStatus((WorkTaskStatus)99));

        Assert.That(ex!.Field, Is.EqualTo("status"));
        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.InProgress));
    }

    [TestCase(0)]
    [TestCase(PriorityRange.Max + 1)]
    public void Reprioritise_OutOfRange_ThrowsAndKeepsPriority(int priority)
    {
        var task = NewTask();

        Assert.Throws<DomainValidationException>(() => task.Reprioritise(priority));
        Assert.That(task.Priority, Is.EqualTo(WorkTask.DefaultPriority));
    }

    [Test]
    public void Rekey_ReportsWhetherTheTrimmedKeyChanged()
    {
        var task = NewTask();
        var original = task.Key;

        Assert.That(task.Rekey($"  {original} "), Is.False);
        Assert.That(task.Rekey("T99"), Is.True);
        Assert.That(task.Key, Is.EqualTo("T99"));
    }

    [Test]
    public void Rekey_TrimsAndRefusesBlank()
    {
        var task = NewTask();

        task.Rekey("  T02 ");
        Assert.That(task.Key, Is.EqualTo("T02"));

        Assert.Throws<DomainValidationException>(() => task.Rekey("   "));
        Assert.That(task.Key, Is.EqualTo("T02"));
    }

    [Test]
    public void FlagNeedsHuman_SetsAndClears()
    {
        var task = NewTask();

        task.FlagNeedsHuman(true);
        Assert.That(task.NeedsHuman, Is.True);
        task.FlagNeedsHuman(false);
        Assert.That(task.NeedsHuman, Is.False);
    }
}
