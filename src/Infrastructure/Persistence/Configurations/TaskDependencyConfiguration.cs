using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class TaskDependencyConfiguration : IEntityTypeConfiguration<TaskDependency>
{
    public void Configure(EntityTypeBuilder<TaskDependency> builder)
    {
        builder.ToTable("task_dependencies", t => t.HasCheckConstraint(
            "ck_task_dependencies_one_blocker",
            "(blocked_by_task_id IS NULL) <> (blocked_by_interface_change_id IS NULL)"));
        builder.ConfigureEntityBase();
        builder.HasOne<WorkTask>().WithMany().HasForeignKey(d => d.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkTask>().WithMany().HasForeignKey(d => d.BlockedByTaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InterfaceChange>().WithMany().HasForeignKey(d => d.BlockedByInterfaceChangeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.TaskId, d.BlockedByTaskId }).IsUnique().HasFilter("blocked_by_task_id IS NOT NULL");
        builder.HasIndex(d => new { d.TaskId, d.BlockedByInterfaceChangeId }).IsUnique().HasFilter("blocked_by_interface_change_id IS NOT NULL");
        // Readiness looks up every blocker of a task by task id alone (ReadinessSql.OpenBlockers): the two unique
        // indexes above are partial, so they cannot serve it, and without this it scans the whole table per task.
        builder.HasIndex(d => d.TaskId);
        builder.HasIndex(d => d.BlockedByTaskId);
        builder.HasIndex(d => d.BlockedByInterfaceChangeId);
    }
}
