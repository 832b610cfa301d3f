using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StateHub.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StateHubDbContext>
{
    public StateHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StateHubDbContext>()
            .UseNpgsql("Host=localhost;Database=statehub_design", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options;
        return new StateHubDbContext(options, TimeProvider.System);
    }
}
