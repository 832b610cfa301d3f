using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Domain.UnitTests.Common;

public sealed class UuidV7Tests
{
    private static readonly long Millisecond = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>PostgreSQL's uuid order: the 16 bytes in RFC (big-endian) order, compared one by one.</summary>
    private static int DatabaseOrder(Guid x, Guid y) => x.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(y.ToByteArray(bigEndian: true));

    private static void AssertStrictlyIncreasing(IReadOnlyList<Guid> ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.That(ids[i].CompareTo(ids[i - 1]), Is.Positive, $"id {i} after id {i - 1}");
            Assert.That(DatabaseOrder(ids[i], ids[i - 1]), Is.Positive, $"id {i} after id {i - 1} in the database's order");
        }
    }

    [Test]
    public void Next_ManyWithinOneMillisecond_StrictlyIncreaseInTheOrderMade()
    {
        var generator = new UuidV7(() => Millisecond);

        // More than the 12-bit counter holds: past it the ids move on to the next millisecond.
        var ids = Enumerable.Range(0, 10_000).Select(_ => generator.Next()).ToList();

        AssertStrictlyIncreasing(ids);
        Assert.That(ids.Select(id => id.Version), Is.All.EqualTo(7));
        Assert.That(ids.Select(id => id.Variant & 0b1100), Is.All.EqualTo(0b1000), "RFC 9562 variant (10xx)");
    }

    [Test]
    public void Next_ClockSetBack_StillIncreases()
    {
        var now = Millisecond;
        var generator = new UuidV7(() => now);

        var before = generator.Next();
        now -= 60_000;
        var after = generator.Next();

        Assert.That(after.CompareTo(before), Is.Positive);
    }

    [Test]
    public void Next_NewMillisecond_CarriesTheClockInTheFirst48Bits()
    {
        var now = Millisecond;
        var generator = new UuidV7(() => now);
        generator.Next();
        now += 5;

        var bytes = generator.Next().ToByteArray(bigEndian: true);

        Assert.That(((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5], Is.EqualTo(now));
    }

    [Test]
    public void Next_FromManyThreads_AllDistinct_AndEachThreadsIdsIncrease()
    {
        var generator = new UuidV7();
        var perThread = new List<Guid>[4];

        Parallel.For(0, perThread.Length, t => perThread[t] = Enumerable.Range(0, 5_000).Select(_ => generator.Next()).ToList());

        Assert.That(perThread.SelectMany(ids => ids).Distinct().Count(), Is.EqualTo(perThread.Length * 5_000));
        foreach (var ids in perThread)
            AssertStrictlyIncreasing(ids);
    }

    [Test]
    public void EntityIds_MadeOneAfterAnother_Increase()
    {
        var ids = Enumerable.Range(0, 100).Select(i => RepoGoal.Create(Guid.NewGuid(), $"Goal {i}", null, 2).Id).ToList();

        AssertStrictlyIncreasing(ids);
    }
}
