namespace StateHub.Application.UnitTests.Common;

public sealed class MappingTests
{
    [Test]
    public void MapperConfiguration_IsValid() =>
        Assert.DoesNotThrow(() => TestMapper.Configuration.AssertConfigurationIsValid());
}
