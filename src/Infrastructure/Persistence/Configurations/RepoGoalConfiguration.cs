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
        // Two indexes on the same columns, so each is named: an unnamed HasIndex on the same properties
        // is the same index, and the second call used to turn the first into the partial one, leaving
        // the goals list (every status) a sequential scan of the fleet's goals.
        // The goals list: all of a repo's goals, most urgent first.
        builder.HasIndex(g => new { g.RepoId, g.Priority, g.CreatedAt }, "ix_repo_goals_repo_id_priority_created_at")
            .HasDatabaseName("ix_repo_goals_repo_id_priority_created_at");
        // Dispatch reads the most urgent active goal of one repo.
        builder.HasIndex(g => new { g.RepoId, g.Priority, g.CreatedAt }, "ix_repo_goals_active")
            .HasDatabaseName("ix_repo_goals_active")
            .HasFilter($"status = {SnakeCaseEnumConverter<GoalStatus>.SqlList(GoalStatus.Active)}");
    }
}
