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
