using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Common;

public sealed class IfMatchPreconditionTests
{
    private static readonly DateTimeOffset Saved = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly RepoGoal _goal = RepoGoal.Create(Guid.NewGuid(), "Ship", null, 2);

    private string Current => EntityTag.For(_goal.UpdatedAt);

    [SetUp]
    public void StampTheGoal()
    {
        _goal.StampCreated(Saved);
        _unitOfWork.Setup(u => u.LockRowAsync(_goal, It.IsAny<CancellationToken>())).ReturnsAsync(Saved);
    }

    [Test]
    public async Task RequireIfMatch_Absent_GoesAheadWithoutLocking()
    {
        await _unitOfWork.Object.RequireIfMatchAsync(null, _goal, "goal", CancellationToken.None);

        _unitOfWork.Verify(u => u.LockRowAsync(It.IsAny<StateHub.Domain.Common.Entity>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("*")]
    [TestCase(" * ")]
    public async Task RequireIfMatch_Wildcard_GoesAheadWithoutLocking(string ifMatch)
    {
        await _unitOfWork.Object.RequireIfMatchAsync(ifMatch, _goal, "goal", CancellationToken.None);

        _unitOfWork.Verify(u => u.LockRowAsync(It.IsAny<StateHub.Domain.Common.Entity>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task RequireIfMatch_CurrentTag_LocksTheRowAndGoesAhead()
    {
        await _unitOfWork.Object.RequireIfMatchAsync(Current, _goal, "goal", CancellationToken.None);

        _unitOfWork.Verify(u => u.LockRowAsync(_goal, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void RequireIfMatch_StaleTag_ThrowsConflictNamingTheCurrentTag()
    {
        var stale = EntityTag.For(Saved.AddSeconds(-1));

        var ex = Assert.ThrowsAsync<ConflictException>(() => _unitOfWork.Object.RequireIfMatchAsync(stale, _goal, "goal", CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo($"The goal was modified since you read it (its ETag is now {Current}); read it again and retry."));
        _unitOfWork.Verify(u => u.LockRowAsync(It.IsAny<StateHub.Domain.Common.Entity>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void RequireIfMatch_RowChangedBeforeTheLock_ThrowsConflictNamingTheStoredTag()
    {
        var committedMeanwhile = Saved.AddMilliseconds(5);
        _unitOfWork.Setup(u => u.LockRowAsync(_goal, It.IsAny<CancellationToken>())).ReturnsAsync(committedMeanwhile);

        var ex = Assert.ThrowsAsync<ConflictException>(() => _unitOfWork.Object.RequireIfMatchAsync(Current, _goal, "goal", CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain(EntityTag.For(committedMeanwhile)));
    }

    [Test]
    public void RequireIfMatch_RowDeletedBeforeTheLock_ThrowsConflict()
    {
        _unitOfWork.Setup(u => u.LockRowAsync(_goal, It.IsAny<CancellationToken>())).ReturnsAsync((DateTimeOffset?)null);

        Assert.ThrowsAsync<ConflictException>(() => _unitOfWork.Object.RequireIfMatchAsync(Current, _goal, "goal", CancellationToken.None));
    }

    [TestCase("abc")]
    [TestCase("\"unterminated")]
    [TestCase("\"a\" \"b\"")]
    [TestCase(",")]
    public void RequireIfMatch_Malformed_ThrowsConflictSayingWhy(string ifMatch)
    {
        var ex = Assert.ThrowsAsync<ConflictException>(() => _unitOfWork.Object.RequireIfMatchAsync(ifMatch, _goal, "goal", CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("is not '*' or a list of quoted entity tags").And.Contain(Current));
    }
}
