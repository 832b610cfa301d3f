using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Domain.UnitTests.Work;

public sealed class RepoGoalTests
{
    private static RepoGoal NewGoal() => RepoGoal.Create(Guid.NewGuid(), "Ship v1", null, 2);

    [Test]
    public void Create_IsActive()
    {
        var goal = NewGoal();

        Assert.That(goal.Status, Is.EqualTo(GoalStatus.Active));
        Assert.That(goal.IsActive, Is.True);
    }

    [TestCase(GoalStatus.Achieved)]
    [TestCase(GoalStatus.Abandoned)]
    public void ChangeStatus_Closed_IsNoLongerActive(GoalStatus status)
    {
        var goal = NewGoal();

        goal.ChangeStatus(status);

        Assert.That(goal.Status, Is.EqualTo(status));
        Assert.That(goal.IsActive, Is.False);
    }

    [Test]
    public void ChangeStatus_UndefinedStatus_ThrowsAndKeepsStatus()
    {
        var goal = NewGoal();

        var ex = Assert.Throws<DomainValidationException>(() => goal.ChangeStatus((GoalStatus)5));

        Assert.That(ex!.Field, Is.EqualTo("status"));
        Assert.That(goal.Status, Is.EqualTo(GoalStatus.Active));
    }

    [TestCase(0)]
    [TestCase(-3)]
    [TestCase(PriorityRange.Max + 1)]
    public void Create_PriorityOutOfRange_Throws(int priority)
    {
        var ex = Assert.Throws<DomainValidationException>(() => RepoGoal.Create(Guid.NewGuid(), "Ship", null, priority));

        Assert.That(ex!.Field, Is.EqualTo("priority"));
    }

    [TestCase(PriorityRange.Min)]
    [TestCase(PriorityRange.Max)]
    public void Reprioritise_Bounds_AreAccepted(int priority)
    {
        var goal = NewGoal();

        goal.Reprioritise(priority);

        Assert.That(goal.Priority, Is.EqualTo(priority));
    }

    [Test]
    public void Retitle_Blank_ThrowsAndKeepsTitle()
    {
        var goal = NewGoal();

        Assert.Throws<DomainValidationException>(() => goal.Retitle(" "));
        Assert.That(goal.Title, Is.EqualTo("Ship v1"));
    }
}
