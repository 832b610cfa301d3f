using AutoMapper;
using Microsoft.Extensions.Logging.Abstractions;
using StateHub.Application.Repos;

namespace StateHub.Application.UnitTests.Common;

internal static class TestMapper
{
    public static readonly MapperConfiguration Configuration =
        new(cfg => cfg.AddMaps(typeof(RepoDto).Assembly), NullLoggerFactory.Instance);

    public static IMapper Create() => Configuration.CreateMapper();
}
