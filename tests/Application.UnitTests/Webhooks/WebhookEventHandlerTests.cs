using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Webhooks.EventHandlers;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;
using StateHub.Domain.Webhooks;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Webhooks;

/// <summary>Domain events become webhook events in the outbox, with the repo and domain they are about.</summary>
public sealed class WebhookEventHandlerTests
{
    private readonly Mock<IWorkstreamRepository> _workstreams = new();
    private readonly Mock<IWebhookOutbox> _outbox = new();
    private readonly WorkTask _task = WorkTask.Create(Guid.NewGuid(), "T01", "First", priority: 2, needsHuman: false);

    [SetUp]
    public void KnowTheWorkstream()
    {
        var repo = ManagedRepo.Register(RepoDomain.Create("platform", "Platform", null), "hub", "Hub");
        var workstream = Workstream.Create(repo.Id, "WP-1", "Plan");
        typeof(Workstream).GetProperty(nameof(Workstream.Repo))!.SetValue(workstream, repo);
        _workstreams.Setup(w => w.GetByIdAsync(_task.WorkstreamId, It.IsAny<CancellationToken>())).ReturnsAsync(workstream);
    }

    [Test]
    public async Task TaskStatusChanged_QueuesTaskStatusChanged_AboutTheTasksRepoAndDomain()
    {
        await new QueueTaskStatusChangedWebhook(_workstreams.Object, _outbox.Object, TimeProvider.System)
            .Handle(new TaskStatusChanged(_task, WorkTaskStatus.Todo, WorkTaskStatus.Done), CancellationToken.None);

        _outbox.Verify(o => o.Enqueue(WebhookEventTypes.TaskStatusChanged, It.IsAny<DateTimeOffset>(),
            It.Is<Dictionary<string, object?>>(d => (string)d["previous_status"]! == "todo" && (string)d["repo_slug"]! == "hub"),
            It.Is<IReadOnlyCollection<string>>(r => r.SequenceEqual(new[] { "hub" })),
            It.Is<IReadOnlyCollection<string>>(d => d.SequenceEqual(new[] { "platform" }))), Times.Once);
    }

    [Test]
    public async Task TaskCreated_QueuesTaskCreated()
    {
        await new QueueTaskCreatedWebhook(_workstreams.Object, _outbox.Object, TimeProvider.System)
            .Handle(new TaskCreated(_task), CancellationToken.None);

        _outbox.Verify(o => o.Enqueue(WebhookEventTypes.TaskCreated, It.IsAny<DateTimeOffset>(), It.IsAny<object>(),
            It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<IReadOnlyCollection<string>>()), Times.Once);
        _outbox.VerifyNoOtherCalls();
    }
}
