using StateHub.Application.Common.Concurrency;

namespace StateHub.Application.UnitTests.Common;

public sealed class EntityTagTests
{
    [Test]
    public void For_UpdatedAt_IsQuotedUnixMicroseconds()
    {
        var updatedAt = DateTimeOffset.UnixEpoch.AddSeconds(2).AddTicks(15);

        Assert.That(EntityTag.For(updatedAt), Is.EqualTo("\"2000001\""));
    }

    [Test]
    public void For_SameInstantInAnotherOffsetOrBelowAMicrosecond_IsTheSameTag()
    {
        var utc = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(120);

        Assert.That(EntityTag.For(utc.ToOffset(TimeSpan.FromHours(2))), Is.EqualTo(EntityTag.For(utc)));
        Assert.That(EntityTag.For(utc.AddTicks(-utc.Ticks % 10)), Is.EqualTo(EntityTag.For(utc)));
    }

    [Test]
    public void For_OneMicrosecondLater_IsANewTag()
    {
        var updatedAt = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        Assert.That(EntityTag.For(updatedAt.AddTicks(TimeSpan.TicksPerMicrosecond)), Is.Not.EqualTo(EntityTag.For(updatedAt)));
    }
}
