using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npgsql;
using StateHub.Infrastructure.Persistence;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Platform;

public sealed class ExceptionProblemTranslatorTests
{
    private static ExceptionProblemTranslator Translator()
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.EnvironmentName).Returns("Production");
        return new ExceptionProblemTranslator(environment.Object, PersistenceExceptionTranslator.Instance, NullLogger<ExceptionProblemTranslator>.Instance);
    }

    [Test]
    public void Translate_TransientDatabaseFailureWrappedByEf_Is503()
    {
        var wrapped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("connection refused", new SocketException((int)SocketError.ConnectionRefused)));

        var problem = Translator().Translate(wrapped, "GET /repos");

        Assert.That(problem.Status, Is.EqualTo(503));
        Assert.That(problem.Detail, Is.Not.Empty);
    }

    [Test]
    public void Translate_UniqueViolationInsideDbUpdateException_Is409()
    {
        var wrapped = new DbUpdateException("save failed", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));

        Assert.That(Translator().Translate(wrapped, "POST /repos").Status, Is.EqualTo(409));
    }

    [TestCase(PostgresErrorCodes.CharacterNotInRepertoire)]
    [TestCase(PostgresErrorCodes.UntranslatableCharacter)]
    [TestCase(PostgresErrorCodes.StringDataRightTruncation)]
    public void Translate_DataTheDatabaseCannotStore_Is422(string sqlState)
    {
        var wrapped = new DbUpdateException("save failed", new PostgresException("bad data", "ERROR", "ERROR", sqlState));

        Assert.That(Translator().Translate(wrapped, "POST /domains").Status, Is.EqualTo(422));
    }

    [Test]
    public void Translate_UnknownFailure_Is500WithoutStackTraceOutsideDevelopment()
    {
        var problem = Translator().Translate(new InvalidOperationException("boom", new ArgumentException("inner")), "GET /x");

        Assert.That(problem.Status, Is.EqualTo(500));
        Assert.That(problem.Detail, Is.EqualTo(ExceptionProblemTranslator.UnexpectedErrorDetail));
    }
}
