using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Conversions;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class RepoGoalConfiguration : IEntityTypeConfiguration<RepoGoal>
{
    public void Configure(EntityTypeBuilder<RepoGoal> builder)
    {
        builder.ToTable("repo_goals");
        builder.ConfigureEntityBase();
        builder.HasOne(g => g.Repo).WithMany().HasForeignKey(g => g.RepoId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(g => g.Title).HasMaxLength(RepoGoal.TitleMaxLength).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(RepoGoal.DescriptionMaxLength);
        builder.Property(g => g.Status).IsSnakeCaseEnum().IsRequired();
        builder.Ignore(g => g.IsActive);
        builder.HasIndex(g => new { g.RepoId, g.Priority, g.CreatedAt });
        // Dispatch reads the most urgent active goal of one repo.
        builder.HasIndex(g => new { g.RepoId, g.Priority, g.CreatedAt })
            .HasDatabaseName("ix_repo_goals_active")
            .HasFilter($"status = {SnakeCaseEnumConverter<GoalStatus>.SqlList(GoalStatus.Active)}");
    }
}

internal sealed class WorkstreamConfiguration : IEntityTypeConfiguration<Workstream>
{
    public void Configure(EntityTypeBuilder<Workstream> builder)
    {
        builder.ToTable("workstreams");
        builder.ConfigureEntityBase();
        builder.HasOne(w => w.Repo).WithMany().HasForeignKey(w => w.RepoId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_workstreams_managed_repos_repo_id");
        builder.Property(w => w.Key).HasMaxLength(Workstream.KeyMaxLength).IsRequired();
        builder.Property(w => w.Title).HasMaxLength(Workstream.TitleMaxLength).IsRequired();
        builder.Property(w => w.Status).IsSnakeCaseEnum().IsRequired();
        builder.Property(w => w.SourcePath).HasMaxLength(Workstream.SourcePathMaxLength);
        builder.Ignore(w => w.IsActive);
        builder.HasIndex(w => new { w.RepoId, w.Key }).IsUnique();
        // Dispatch lists a repo's active workstreams by creation.
        builder.HasIndex(w => new { w.RepoId, w.CreatedAt })
            .HasDatabaseName("ix_workstreams_active")
            .HasFilter($"status = {SnakeCaseEnumConverter<WorkstreamStatus>.SqlList(WorkstreamStatus.Active)}");
        builder.HasMany(w => w.Tasks).WithOne().HasForeignKey(t => t.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Tasks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> builder)
    {
        builder.ToTable("tasks");
        builder.ConfigureEntityBase();
        builder.Property(t => t.Key).HasMaxLength(WorkTask.KeyMaxLength).IsRequired();
        builder.Property(t => t.Title).HasMaxLength(WorkTask.TitleMaxLength).IsRequired();
        builder.Property(t => t.Status).IsSnakeCaseEnum().IsRequired();
        builder.Property(t => t.Priority).HasDefaultValue(WorkTask.DefaultPriority);
        builder.Ignore(t => t.IsPending);
        builder.HasIndex(t => new { t.WorkstreamId, t.Key }).IsUnique();
        // Dispatch lists the open (todo, in_progress) tasks of active workstreams by priority, then creation.
        builder.HasIndex(t => new { t.WorkstreamId, t.Priority, t.CreatedAt })
            .HasDatabaseName("ix_tasks_open")
            .HasFilter($"status IN ({SnakeCaseEnumConverter<WorkTaskStatus>.SqlList(WorkTaskStatus.Todo, WorkTaskStatus.InProgress)})");
    }
}
