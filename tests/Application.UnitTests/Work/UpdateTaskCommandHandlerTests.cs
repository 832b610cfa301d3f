using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Tasks;
using StateHub.Application.Tasks.Commands.UpdateTask;
using StateHub.Application.UnitTests.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Work;

public sealed class UpdateTaskCommandHandlerTests
{
    private readonly Mock<IWorkstreamRepository> _tasks = new();
    private readonly Mock<ITaskClaimStore> _claims = new();
    private readonly Mock<ITaskDependencyRepository> _dependencies = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly WorkTask _task = WorkTask.Create(Guid.NewGuid(), "T01", "First", priority: 2, needsHuman: true);

    private UpdateTaskCommandHandler Handler => new(
        _tasks.Object, _claims.Object, _unitOfWork.Object,
        new TaskViews(_dependencies.Object, TestMapper.Create(), TimeProvider.System), TimeProvider.System);

    [SetUp]
    public void KnowTheTask()
    {
        _tasks.Setup(t => t.GetTaskAsync(_task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_task);
        _claims.Setup(c => c.GetForUpdateAsync(_task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_task);
        _dependencies.Setup(d => d.GetReadinessAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<Guid, TaskReadiness>());
    }

    [Test]
    public async Task Handle_StatusOnly_ChangesStatusAndNothingElse()
    {
        var dto = await Handler.Handle(new UpdateTaskCommand { Id = _task.Id, Status = WorkTaskStatus.Done }, CancellationToken.None).Run();

        Assert.That(dto.Status, Is.EqualTo(WorkTaskStatus.Done));
        Assert.That(dto.Priority, Is.EqualTo(2));
        Assert.That(dto.NeedsHuman, Is.True);
        Assert.That(dto.Title, Is.EqualTo("First"));
        Assert.That(dto.Key, Is.EqualTo("T01"));
        _tasks.Verify(t => t.TaskKeyExistsAsync(It.IsAny<Guid>(), It.IsAny<string>(), It.IsAny<Guid?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_NeedsHumanFalse_ClearsTheFlag()
    {
        var dto = await Handler.Handle(new UpdateTaskCommand { Id = _task.Id, NeedsHuman = false }, CancellationToken.None).Run();

        Assert.That(dto.NeedsHuman, Is.False);
        Assert.That(_task.NeedsHuman, Is.False);
    }

    [Test]
    public void Handle_UnknownTask_ThrowsNotFound()
    {
        var id = Guid.NewGuid();

        var ex = Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(new UpdateTaskCommand { Id = id, Status = WorkTaskStatus.Done }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo($"Task '{id}' not found"));
    }

    [Test]
    public void Handle_KeyTakenInWorkstream_ThrowsConflictWithoutSaving()
    {
        _tasks.Setup(t => t.TaskKeyExistsAsync(_task.WorkstreamId, "T02", _task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var ex = Assert.ThrowsAsync<ConflictException>(() => Handler.Handle(new UpdateTaskCommand { Id = _task.Id, Key = "T02" }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Does.Contain("'T02'"));
    }

    [Test]
    public async Task Handle_SameKeyAgain_DoesNotCheckForConflicts()
    {
        await Handler.Handle(new UpdateTaskCommand { Id = _task.Id, Key = "T01" }, CancellationToken.None).Run();

        _tasks.Verify(t => t.TaskKeyExistsAsync(It.IsAny<Guid>(), It.IsAny<string>(), It.IsAny<Guid?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
