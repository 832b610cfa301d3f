using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Security;
using StateHub.Application.Webhooks;
using StateHub.Infrastructure.FileSystem;
using StateHub.Infrastructure.Git;
using StateHub.Infrastructure.Persistence;
using StateHub.Infrastructure.Time;
using StateHub.Infrastructure.Work;
using StateHub.Infrastructure.Webhooks;
using StateHub.Infrastructure.Persistence.Embedded;
using StateHub.Infrastructure.Persistence.Queries;
using StateHub.Infrastructure.Persistence.Repositories;

namespace StateHub.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TimeProvider, MicrosecondTimeProvider>();
        services.AddOptions<EmbeddedPostgresOptions>().Bind(configuration.GetSection(EmbeddedPostgresOptions.SectionName));
        services.AddSingleton<DatabaseConnection>();
        services.AddHostedService<DatabaseStartup>();
        // Read when the host starts, not when the sweep first asks: a value that does not parse stops
        // the start with one line (Program.cs), instead of stopping a running node later.
        services.AddOptions<WorkOptions>().Bind(configuration.GetSection(WorkOptions.SectionName)).ValidateOnStart();
        services.AddHostedService<ClaimSweepService>();

        // Pooled: a request leases a ready context instead of building one (and its internal
        // service scope); see StateHubDbContext for why that is safe. bench/README.md has the figures.
        services.AddDbContextPool<StateHubDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<DatabaseConnection>().ConnectionString, npgsql =>
                    npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention()
                // The pipeline logs every failed request once, as ExceptionClassification says
                // (an outage as one warning without a stack trace); EF's own error logs would
                // repeat it as errors with stack traces.
                .ConfigureWarnings(w => w.Log(
                    (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                    (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                    (RelationalEventId.ConnectionError, LogLevel.Debug),
                    (RelationalEventId.CommandError, LogLevel.Debug),
                    (RelationalEventId.TransactionError, LogLevel.Debug))));

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddSingleton<IPersistenceExceptionTranslator>(PersistenceExceptionTranslator.Instance);
        services.AddSingleton<IIdempotencyStore, Persistence.Idempotency.IdempotencyStore>();
        services.AddHostedService<Persistence.Idempotency.IdempotencyPurgeService>();
        services.AddScoped<IDomainRepository, DomainRepository>();
        services.AddScoped<IRepoRepository, RepoRepository>();
        services.AddScoped<IProgressEventRepository, ProgressEventRepository>();
        services.AddScoped<IGoalRepository, GoalRepository>();
        services.AddScoped<IWorkstreamRepository, WorkstreamRepository>();
        services.AddScoped<ITaskClaimStore, TaskClaimStore>();
        services.AddScoped<ITaskDependencyRepository, TaskDependencyRepository>();
        services.AddScoped<ITpscSnapshotRepository, TpscSnapshotRepository>();
        services.AddScoped<IDispatchQueries, DispatchQueries>();
        services.AddScoped<ITaskReads, TaskReads>();
        services.AddScoped<IRepoReads, RepoReads>();
        services.AddScoped<IInterfaceChangeReads, InterfaceChangeReads>();
        services.AddScoped<IInterfaceChangeRepository, InterfaceChangeRepository>();
        services.AddScoped<IInboxRepository, InboxRepository>();
        services.AddScoped<IRepoFactsRepository, RepoFactsRepository>();
        services.AddScoped<IDoiInputsQuery, DoiInputsQuery>();
        services.AddSingleton<DoiInputChangeLog>();
        services.AddHostedService<DoiInputChangeLogPurgeService>();
        services.AddScoped<IDoiCacheStore, DoiCacheStore>();
        services.AddScoped<IApiKeyRepository, ApiKeyRepository>();
        services.AddScoped<IAccessTargetResolver, AccessTargetResolver>();
        AddWebhooks(services, configuration);

        services.AddOptions<RepoFileSystemOptions>().Bind(configuration.GetSection(RepoFileSystemOptions.SectionName));
        services.AddSingleton<IRepoFileSystem, ConfinedRepoFileSystem>();
        services.AddSingleton<IHostIdentity, HostIdentity>();
        services.AddSingleton<IGitMetadataReader, GitMetadataReader>();
        return services;
    }

    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Configure(o => o.ReadFrom(configuration.GetSection(WebhookOptions.SectionName))).ValidateOnStart();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<IWebhookOutbox>(provider => provider.GetRequiredService<WebhookOutbox>());
        services.AddScoped<IWebhookStore, WebhookStore>();
        services.AddSingleton<IWebhookTargetGuard, WebhookTargetGuard>();
        services.AddSingleton<WebhookWakeUp>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHttpClient(WebhookHttpHandler.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WebhookOptions>>();
                return WebhookHttpHandler.Create(() => options.CurrentValue);
            })
            // The worker logs each outcome itself; the client's own request logs would repeat it.
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDeliveryWorker>();
    }
}
