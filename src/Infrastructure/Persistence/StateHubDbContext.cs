using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Common.Security;
using StateHub.Domain.Access;
using StateHub.Domain.Common;
using StateHub.Domain.Doi;
using StateHub.Domain.Domains;
using StateHub.Domain.Events;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Repos;
using StateHub.Domain.Tpsc;
using StateHub.Domain.Webhooks;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence;

/// <remarks>
/// Pooled (<c>AddDbContextPool</c>): one instance serves request after request, so it keeps no
/// per-request state of its own. The clock and the caller are application singletons (the caller
/// reads the current request through <c>IHttpContextAccessor</c>, so it answers for whichever
/// request is saving), resolved on the first save.
/// </remarks>
public sealed class StateHubDbContext : DbContext
{
    private TimeProvider? _timeProvider;
    private ICurrentCaller? _currentCaller;
    private bool _servicesResolved;

    public StateHubDbContext(DbContextOptions<StateHubDbContext> options)
        : base(options)
    {
    }

    /// <summary>For design-time tools, which have no application services.</summary>
    internal StateHubDbContext(DbContextOptions<StateHubDbContext> options, TimeProvider timeProvider)
        : base(options)
    {
        _timeProvider = timeProvider;
        _servicesResolved = true;
    }

    public DbSet<RepoDomain> Domains => Set<RepoDomain>();

    public DbSet<ManagedRepo> Repos => Set<ManagedRepo>();

    public DbSet<RepoFactsReport> RepoFacts => Set<RepoFactsReport>();

    public DbSet<RepoGoal> Goals => Set<RepoGoal>();

    public DbSet<Workstream> Workstreams => Set<Workstream>();

    public DbSet<WorkTask> Tasks => Set<WorkTask>();

    public DbSet<TaskDependency> TaskDependencies => Set<TaskDependency>();

    public DbSet<TpscSnapshot> TpscSnapshots => Set<TpscSnapshot>();

    public DbSet<InterfaceChange> InterfaceChanges => Set<InterfaceChange>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<ProgressEvent> ProgressEvents => Set<ProgressEvent>();

    public DbSet<DoiCacheEntry> DoiCache => Set<DoiCacheEntry>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTimestamps();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTimestamps();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StateHubDbContext).Assembly);

    private void StampTimestamps()
    {
        // PostgreSQL keeps microseconds: stamping with exactly what it stores means an entity just
        // saved shows the same timestamps (and ETag) as the same entity read back later.
        ResolveServices();
        var ticks = _timeProvider!.GetUtcNow().UtcTicks;
        var now = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
        var owners = OwnersOfChangedOwnedEntries();
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.StampCreated(now);
                // Who caused a record is part of it: the request's caller, or "system" outside a request.
                if (entry.Entity is IHasActor record)
                    record.StampActor((_currentCaller?.Caller ?? Caller.System).Actor);
            }
            else if (entry.State == EntityState.Modified || owners.Contains(entry.Entity.Id))
            {
                // A change to an owned row (an interface change's consumers) changes the owner's
                // representation, so the owner gets a new updated_at (and ETag) too.
                entry.Entity.StampUpdated(now);
                entry.Property(nameof(Entity.UpdatedAt)).IsModified = true;
            }
        }
    }

    private void ResolveServices()
    {
        if (_servicesResolved)
            return;
        var services = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        _timeProvider = services?.GetService<TimeProvider>() ?? TimeProvider.System;
        _currentCaller = services?.GetService<ICurrentCaller>();
        _servicesResolved = true;
    }

    private HashSet<Guid> OwnersOfChangedOwnedEntries()
    {
        var owners = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (!entry.Metadata.IsOwned() || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            var ownership = entry.Metadata.FindOwnership();
            if (ownership?.Properties is [var key] && entry.Property(key.Name).CurrentValue is Guid ownerId)
                owners.Add(ownerId);
        }

        return owners;
    }
}
