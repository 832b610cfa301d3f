using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Conversions;

namespace StateHub.Infrastructure.Persistence.Configurations;

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
        builder.Property(t => t.ClaimedBy).HasMaxLength(WorkTask.ClaimantMaxLength);
        builder.Property(t => t.ClaimToken).HasDefaultValue(0L);
        builder.HasIndex(t => new { t.WorkstreamId, t.Key }).IsUnique();
        // Dispatch lists the open (todo, in_progress) tasks of active workstreams by priority, then creation.
        builder.HasIndex(t => new { t.WorkstreamId, t.Priority, t.CreatedAt })
            .HasDatabaseName("ix_tasks_open")
            .HasFilter($"status IN ({SnakeCaseEnumConverter<WorkTaskStatus>.SqlList(WorkTaskStatus.Todo, WorkTaskStatus.InProgress)})");
        // The claim sweep looks for in_progress claims past their expiry.
        builder.HasIndex(t => t.ClaimExpiresAt)
            .HasDatabaseName("ix_tasks_claim_expiry")
            .HasFilter("claim_expires_at IS NOT NULL");
    }
}
