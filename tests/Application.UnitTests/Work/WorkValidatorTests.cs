using System.Text.Json;
using StateHub.Application.Goals.Commands.CreateGoal;
using StateHub.Application.Goals.Commands.UpdateGoal;
using StateHub.Application.ProgressEvents.Commands.LogProgressEvent;
using StateHub.Application.ProgressEvents.Queries.ListProgressEvents;
using StateHub.Application.Tasks.Commands.CreateTask;
using StateHub.Application.Tasks.Commands.UpdateTask;
using StateHub.Application.TpscSnapshots;
using StateHub.Application.TpscSnapshots.Commands.CreateTpscSnapshot;
using StateHub.Application.Workstreams.Commands.CreateWorkstream;
using StateHub.Application.Workstreams.Commands.UpdateWorkstream;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Work;

public sealed class WorkValidatorTests
{
    [Test]
    public void CreateGoal_NoPriority_IsValid()
    {
        var result = new CreateGoalCommandValidator().Validate(new CreateGoalCommand { Title = "Ship" });

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
    }

    [TestCase(0)]
    [TestCase(1001)]
    public void CreateGoal_PriorityOutOfRange_FailsOnPriority(int priority)
    {
        var result = new CreateGoalCommandValidator().Validate(new CreateGoalCommand { Title = "Ship", Priority = priority });

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Priority" }));
    }

    [Test]
    public void UpdateGoal_PresentNullStatus_FailsOnStatus()
    {
        var result = new UpdateGoalCommandValidator().Validate(new UpdateGoalCommand { Status = null });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Status"));
    }

    [Test]
    public void UpdateGoal_EmptyPatch_IsValid()
    {
        Assert.That(new UpdateGoalCommandValidator().Validate(new UpdateGoalCommand()).IsValid, Is.True);
    }

    [Test]
    public void CreateWorkstream_BlankKey_FailsOnKey()
    {
        var result = new CreateWorkstreamCommandValidator().Validate(new CreateWorkstreamCommand { Key = " ", Title = "One" });

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Key" }));
    }

    [Test]
    public void UpdateWorkstream_PresentNullTitle_FailsOnTitle()
    {
        var result = new UpdateWorkstreamCommandValidator().Validate(new UpdateWorkstreamCommand { Title = null });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Title"));
    }

    [Test]
    public void UpdateWorkstream_UndefinedStatus_FailsOnStatus()
    {
        var result = new UpdateWorkstreamCommandValidator().Validate(new UpdateWorkstreamCommand { Status = (WorkstreamStatus)9 });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Status"));
    }

    [Test]
    public void CreateTask_TooLongTitle_FailsOnTitle()
    {
        var result = new CreateTaskCommandValidator().Validate(new CreateTaskCommand { Key = "T01", Title = new string('x', WorkTask.TitleMaxLength + 1) });

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Title" }));
    }

    [Test]
    public void CreateTask_UndefinedStatus_FailsOnStatus()
    {
        var result = new CreateTaskCommandValidator().Validate(new CreateTaskCommand { Key = "T01", Title = "x", Status = (WorkTaskStatus)9 });

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Status" }));
    }

    [Test]
    public void UpdateTask_PresentNullPriority_FailsOnPriority()
    {
        var result = new UpdateTaskCommandValidator().Validate(new UpdateTaskCommand { Priority = null });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Priority"));
    }

    [Test]
    public void CreateTpscSnapshot_ComponentWithoutName_FailsOnThatComponent()
    {
        var result = new CreateTpscSnapshotCommandValidator().Validate(new CreateTpscSnapshotCommand
        {
            Components = [new TpscComponentDto { Name = "ok" }, new TpscComponentDto { Name = "" }],
        });

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Components[1].Name" }));
    }

    [Test]
    public void CreateTpscSnapshot_NullComponents_FailsOnComponents()
    {
        var result = new CreateTpscSnapshotCommandValidator().Validate(new CreateTpscSnapshotCommand { Components = null! });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Components"));
    }

    [Test]
    public void LogProgressEvent_HugeData_FailsOnData()
    {
        var data = JsonSerializer.SerializeToElement(new { blob = new string('x', LogProgressEventCommand.DataMaxLength) });

        var result = new LogProgressEventCommandValidator().Validate(new LogProgressEventCommand { Kind = "note", Summary = "x", Data = data });

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Data" }));
    }

    [TestCase("[1, 2]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    public void LogProgressEvent_DataNotObject_FailsOnData(string json)
    {
        var data = JsonDocument.Parse(json).RootElement.Clone();

        var result = new LogProgressEventCommandValidator().Validate(new LogProgressEventCommand { Kind = "note", Summary = "x", Data = data });

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "'data' must be a JSON object." }));
    }

    [Test]
    public void LogProgressEvent_DataObject_IsValid()
    {
        var data = JsonDocument.Parse("""{"task_key":"T01"}""").RootElement.Clone();

        var result = new LogProgressEventCommandValidator().Validate(new LogProgressEventCommand { Kind = "note", Summary = "x", Data = data });

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
    }

    [Test]
    public void LogProgressEvent_NoData_IsValid()
    {
        var result = new LogProgressEventCommandValidator().Validate(new LogProgressEventCommand { Kind = "note", Summary = "x" });

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
    }

    [TestCase(1, true)]
    [TestCase(50, true)]
    [TestCase(500, true)]
    [TestCase(0, false)]
    [TestCase(501, false)]
    public void ListProgressEvents_Limit_MustBeOneToFiveHundred(int limit, bool valid)
    {
        var result = new ListProgressEventsQueryValidator().Validate(new ListProgressEventsQuery("app", limit));

        Assert.That(result.IsValid, Is.EqualTo(valid));
    }

    [Test]
    public void ListProgressEvents_DefaultLimit_IsFifty()
    {
        Assert.That(new ListProgressEventsQuery("app").Limit, Is.EqualTo(50));
    }
}
