using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Workplans;

namespace StateHub.Application.UnitTests.Workplans;

public sealed class WorkplanRegistrationTests
{
    [Test]
    public void AddApplication_RegistersTheEngineAndTheSourceReader()
    {
        var services = new ServiceCollection().AddApplication(new ConfigurationBuilder().Build());

        Assert.That(services.Single(s => s.ServiceType == typeof(IWorkplanConsistencyEngine)).ImplementationType, Is.EqualTo(typeof(WorkplanConsistencyEngine)));
        Assert.That(services.Single(s => s.ServiceType == typeof(IWorkplanSourceReader)).ImplementationType, Is.EqualTo(typeof(WorkplanSourceReader)));
    }
}
