using Microsoft.Extensions.Logging;
using StateHub.Application.Common.Behaviours;
using StateHub.Application.Tasks.Commands.SweepExpiredClaims;
using StateHub.Application.Workplans;
using StateHub.Application.Workplans.Commands.SyncRepo;

namespace StateHub.Application.UnitTests.Common;

public sealed class LoggingBehaviourTests
{
    [Test]
    public async Task Handle_ARequestFromAClient_IsLoggedAtInformationWithItsIds()
    {
        var logger = new RecordingLogger<LoggingBehaviour<SyncRepoCommand, SyncReportDto>>();
        var behaviour = new LoggingBehaviour<SyncRepoCommand, SyncReportDto>(logger);

        await behaviour.Handle(new SyncRepoCommand { Slug = "alpha" }, CancellationToken.None, () => Task.FromResult(new SyncReportDto()));

        Assert.That(logger.Entries, Is.EqualTo(new[] { (LogLevel.Information, "Handling SyncRepoCommand Slug=alpha") }));
    }

    /// <summary>The claim sweep runs every 15 s on every node: a line per tick would be 5,760 a day.</summary>
    [Test]
    public async Task Handle_APeriodicRequest_IsLoggedAtDebugOnly()
    {
        var logger = new RecordingLogger<LoggingBehaviour<SweepExpiredClaimsCommand, int>>();
        var behaviour = new LoggingBehaviour<SweepExpiredClaimsCommand, int>(logger);

        await behaviour.Handle(new SweepExpiredClaimsCommand(), CancellationToken.None, () => Task.FromResult(0));

        Assert.That(logger.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Debug }));
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
