using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Domain.UnitTests.Work;

/// <summary>The claim rules of spec §13, as the task enforces them.</summary>
public sealed class WorkTaskClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    private static WorkTask NewTask(WorkTaskStatus status = WorkTaskStatus.Todo)
    {
        var task = WorkTask.Create(Guid.NewGuid(), "T01", "Do it", status: status);
        task.TakeDomainEvents();
        return task;
    }

    private static WorkTask Claimed(string claimant = "agent-a")
    {
        var task = NewTask();
        task.Claim(claimant, Now, Ttl, workstreamActive: true, openBlockers: []);
        task.TakeDomainEvents();
        return task;
    }

    [TestCase(WorkTaskStatus.Todo)]
    [TestCase(WorkTaskStatus.Done)]
    [TestCase(WorkTaskStatus.Blocked)]
    [TestCase(WorkTaskStatus.Cancelled)]
    public void ChangeStatus_OutOfInProgress_EndsTheClaim_SoTheTaskCanBeClaimedAgain(WorkTaskStatus status)
    {
        // A workplan sync moves tasks as the files say, without a claim token.
        var task = Claimed("agent-a");

        task.ChangeStatus(status);

        Assert.That(task.ClaimedBy, Is.Null);
        Assert.That(task.ClaimExpiresAt, Is.Null);
        Assert.That(task.IsClaimedAt(Now), Is.False);
        if (status == WorkTaskStatus.Todo)
        {
            task.Claim("agent-b", Now, Ttl, true, []);
            Assert.That(task.ClaimedBy, Is.EqualTo("agent-b"));
        }
    }

    [Test]
    public void Claim_Todo_SetsInProgressHolderExpiryAndNewToken()
    {
        var task = NewTask();

        task.Claim("agent-a", Now, Ttl, true, []);

        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.InProgress));
        Assert.That(task.ClaimedBy, Is.EqualTo("agent-a"));
        Assert.That(task.ClaimExpiresAt, Is.EqualTo(Now + Ttl));
        Assert.That(task.ClaimToken, Is.EqualTo(1));
        var events = task.TakeDomainEvents();
        Assert.That(events.OfType<TaskClaimed>().Single().ClaimToken, Is.EqualTo(1));
        Assert.That(events.OfType<TaskStatusChanged>().Single().To, Is.EqualTo(WorkTaskStatus.InProgress));
    }

    [Test]
    public void Claim_SameClaimantAgain_RenewsWithoutNewToken()
    {
        var task = Claimed();

        task.Claim("agent-a", Now.AddMinutes(5), Ttl, true, []);

        Assert.That(task.ClaimToken, Is.EqualTo(1));
        Assert.That(task.ClaimExpiresAt, Is.EqualTo(Now.AddMinutes(5) + Ttl));
        Assert.That(task.TakeDomainEvents(), Is.Empty);
    }

    [Test]
    public void Claim_HeldBySomeoneElse_RefusesNamingHolderAndExpiry()
    {
        var task = Claimed();

        var ex = Assert.Throws<ClaimConflictException>(() => task.Claim("agent-b", Now.AddMinutes(1), Ttl, true, []));

        Assert.That(ex!.Message, Does.Contain("agent-a").And.Contain((Now + Ttl).ToString("O")));
        Assert.That(ex.Reason, Is.EqualTo(ClaimConflictException.Held));
        Assert.That(task.ClaimedBy, Is.EqualTo("agent-a"));
    }

    [Test]
    public void Claim_AfterExpiry_AnotherClaimantTakesItWithAGreaterToken()
    {
        var task = Claimed();

        task.Claim("agent-b", Now + Ttl, Ttl, true, []);

        Assert.That(task.ClaimedBy, Is.EqualTo("agent-b"));
        Assert.That(task.ClaimToken, Is.EqualTo(2));
    }

    [Test]
    public void Claim_InProgressWithoutAnyClaim_IsNotExpiredAndIsRefused()
    {
        var task = NewTask(WorkTaskStatus.InProgress);

        var ex = Assert.Throws<ClaimConflictException>(() => task.Claim("agent-a", Now, Ttl, true, []));

        Assert.That(ex!.Reason, Is.EqualTo(ClaimConflictException.NotClaimable));
        Assert.That(task.ClaimedBy, Is.Null);
        Assert.That(task.ClaimToken, Is.EqualTo(0));
    }

    [TestCase(WorkTaskStatus.Done)]
    [TestCase(WorkTaskStatus.Cancelled)]
    [TestCase(WorkTaskStatus.Blocked)]
    public void Claim_NotTodo_IsRefused(WorkTaskStatus status)
    {
        var task = NewTask(status);

        var ex = Assert.Throws<ClaimConflictException>(() => task.Claim("agent-a", Now, Ttl, true, []));

        Assert.That(ex!.Reason, Is.EqualTo(ClaimConflictException.NotClaimable));
        Assert.That(task.Status, Is.EqualTo(status));
    }

    [Test]
    public void Claim_WithOpenBlockers_RefusesNamingThem()
    {
        var task = NewTask();

        var ex = Assert.Throws<ClaimConflictException>(() => task.Claim("agent-a", Now, Ttl, true, ["task 'T00' of web (todo)"]));

        Assert.That(ex!.Message, Does.Contain("T00"));
        Assert.That(ex.Reason, Is.EqualTo(ClaimConflictException.Blocked));
        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.Todo));
    }

    [Test]
    public void Claim_InInactiveWorkstream_IsRefused()
    {
        var ex = Assert.Throws<ClaimConflictException>(() => NewTask().Claim("agent-a", Now, Ttl, false, []));

        Assert.That(ex!.Reason, Is.EqualTo(ClaimConflictException.InactiveWorkstream));
    }

    [TestCase(4)]
    [TestCase(86401)]
    public void Claim_TtlOutOfRange_IsAValidationError(int seconds)
    {
        var ex = Assert.Throws<DomainValidationException>(() => NewTask().Claim("agent-a", Now, TimeSpan.FromSeconds(seconds), true, []));

        Assert.That(ex!.Field, Is.EqualTo("ttl_seconds"));
    }

    [Test]
    public void Renew_WithCurrentToken_ExtendsTheClaim()
    {
        var task = Claimed();

        task.RenewClaim(1, Now.AddMinutes(10), Ttl);

        Assert.That(task.ClaimExpiresAt, Is.EqualTo(Now.AddMinutes(10) + Ttl));
    }

    [Test]
    public void Renew_WithStaleToken_IsRefused()
    {
        var task = Claimed();
        task.Claim("agent-b", Now + Ttl, Ttl, true, []);

        var ex = Assert.Throws<ClaimConflictException>(() => task.RenewClaim(1, Now + Ttl, Ttl));

        Assert.That(ex!.Reason, Is.EqualTo(ClaimConflictException.StaleToken));
        Assert.That(task.ClaimedBy, Is.EqualTo("agent-b"));
    }

    [Test]
    public void Renew_AfterExpiry_IsRefused()
    {
        var task = Claimed();

        var ex = Assert.Throws<ClaimConflictException>(() => task.RenewClaim(1, Now + Ttl, Ttl));

        Assert.That(ex!.Reason, Is.EqualTo(ClaimConflictException.Expired));
    }

    [TestCase(WorkTaskStatus.Todo)]
    [TestCase(WorkTaskStatus.Done)]
    [TestCase(WorkTaskStatus.Blocked)]
    [TestCase(WorkTaskStatus.Cancelled)]
    public void Release_EndsTheClaimInTheGivenStatus(WorkTaskStatus status)
    {
        var task = Claimed();

        task.ReleaseClaim(1, status, Now.AddMinutes(1));

        Assert.That(task.Status, Is.EqualTo(status));
        Assert.That(task.ClaimedBy, Is.Null);
        Assert.That(task.ClaimExpiresAt, Is.Null);
        Assert.That(task.ClaimToken, Is.EqualTo(1), "the token stays, so the next claim's is greater");
    }

    [Test]
    public void Release_ToInProgress_IsAValidationError()
    {
        var task = Claimed();

        Assert.Throws<DomainValidationException>(() => task.ReleaseClaim(1, WorkTaskStatus.InProgress, Now));
    }

    [Test]
    public void ChangeStatusAsHolder_WhileClaimed_NeedsTheCurrentToken()
    {
        var task = Claimed();

        Assert.Throws<ClaimConflictException>(() => task.ChangeStatusAsHolder(WorkTaskStatus.Done, null, Now.AddMinutes(1)));
        Assert.Throws<ClaimConflictException>(() => task.ChangeStatusAsHolder(WorkTaskStatus.Done, 7, Now.AddMinutes(1)));
        task.ChangeStatusAsHolder(WorkTaskStatus.Done, 1, Now.AddMinutes(1));

        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.Done));
        Assert.That(task.ClaimedBy, Is.Null);
    }

    [Test]
    public void ChangeStatusAsHolder_FormerHolderAfterNewClaim_IsRefused()
    {
        var task = Claimed();
        task.Claim("agent-b", Now + Ttl, Ttl, true, []);

        var ex = Assert.Throws<ClaimConflictException>(() => task.ChangeStatusAsHolder(WorkTaskStatus.Done, 1, Now + Ttl));

        Assert.That(ex!.Message, Does.Contain("agent-b"));
        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.InProgress));
    }

    [Test]
    public void ExpireClaim_Lapsed_ReturnsToTodoAndRaisesTheExpiryNamingTheHolder()
    {
        var task = Claimed();

        Assert.That(task.ExpireClaim(Now + Ttl), Is.True);

        Assert.That(task.Status, Is.EqualTo(WorkTaskStatus.Todo));
        Assert.That(task.ClaimedBy, Is.Null);
        var expired = task.TakeDomainEvents().OfType<TaskClaimExpired>().Single();
        Assert.That(expired.PreviousHolder, Is.EqualTo("agent-a"));
        Assert.That(expired.ExpiredAt, Is.EqualTo(Now + Ttl));
        Assert.That(expired.ClaimToken, Is.EqualTo(1));
    }

    [Test]
    public void ExpireClaim_StillHeld_DoesNothing()
    {
        var task = Claimed();

        Assert.That(task.ExpireClaim(Now.AddMinutes(1)), Is.False);

        Assert.That(task.ClaimedBy, Is.EqualTo("agent-a"));
        Assert.That(task.TakeDomainEvents(), Is.Empty);
    }
}
