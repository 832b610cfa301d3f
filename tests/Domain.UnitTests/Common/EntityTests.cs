using StateHub.Domain.Work;

namespace StateHub.Domain.UnitTests.Common;

public sealed class EntityTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void StampUpdated_LaterClock_TakesTheClock()
    {
        var goal = RepoGoal.Create(Guid.NewGuid(), "Ship", null, 2);
        goal.StampCreated(Created);

        goal.StampUpdated(Created.AddMinutes(1));

        Assert.That(goal.UpdatedAt, Is.EqualTo(Created.AddMinutes(1)));
        Assert.That(goal.CreatedAt, Is.EqualTo(Created));
    }

    [Test]
    public void StampUpdated_ClockNotMovedOrBehind_MovesOnByOneMicrosecond()
    {
        var goal = RepoGoal.Create(Guid.NewGuid(), "Ship", null, 2);
        goal.StampCreated(Created);

        goal.StampUpdated(Created);
        goal.StampUpdated(Created.AddSeconds(-5));

        Assert.That(goal.UpdatedAt, Is.EqualTo(Created.AddTicks(2 * TimeSpan.TicksPerMicrosecond)));
    }
}
