using Npgsql;
using StateHub.Infrastructure.Persistence;

namespace StateHub.Infrastructure.IntegrationTests.Persistence;

public sealed class DatabaseConnectionDefaultsTests
{
    [Test]
    public void WithPerformanceDefaults_NothingSet_PreparesAndSkipsTheReset()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.WithPerformanceDefaults("Host=db;Database=statehub"));

        Assert.That(builder.MaxAutoPrepare, Is.EqualTo(64));
        Assert.That(builder.NoResetOnClose, Is.True);
    }

    [TestCase("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [TestCase("Host=db;maxautoprepare=0;NORESETONCLOSE=false")]
    [TestCase("Host=db; Max Auto Prepare = 0 ; No Reset On Close = false")]
    public void WithPerformanceDefaults_OperatorSetBoth_KeepsTheOperatorsValues(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.WithPerformanceDefaults(connectionString));

        Assert.That(builder.MaxAutoPrepare, Is.Zero);
        Assert.That(builder.NoResetOnClose, Is.False);
    }

    [Test]
    public void WithPerformanceDefaults_KeyNameInsideAQuotedValue_IsNotTakenForTheSetting()
    {
        // A password that contains "; Max Auto Prepare=0" is a value, not a setting.
        var builder = new NpgsqlConnectionStringBuilder(
            DatabaseConnection.WithPerformanceDefaults("Host=db;Password='x;Max Auto Prepare=0;No Reset On Close=false'"));

        Assert.That(builder.MaxAutoPrepare, Is.EqualTo(64));
        Assert.That(builder.NoResetOnClose, Is.True);
        Assert.That(builder.Password, Is.EqualTo("x;Max Auto Prepare=0;No Reset On Close=false"));
    }
}
